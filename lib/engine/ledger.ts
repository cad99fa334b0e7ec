import { baselineNanoUsd, costNanoUsd, ZERO_USAGE, type Usage } from "@/lib/models/cost";
import type { ModelCatalog, ModelPricing } from "@/lib/models/catalog";
import type { RunTotals } from "./events";

/** One priced call: what `node.usage` reports. */
export interface PricedUsage {
  usage: Usage;
  costNanoUsd: number | null;
  baselineNanoUsd: number;
  /** The provider reported no usage (the call was stopped or cut off): counted from the request and what streamed. */
  estimated?: true;
}

/** Adds `b` into `a` in place (hot path: no allocation). */
export function addUsageInto(a: Usage, b: Usage): void {
  a.inputTokens += b.inputTokens;
  a.cachedInputTokens += b.cachedInputTokens;
  a.outputTokens += b.outputTokens;
  a.reasoningTokens += b.reasoningTokens;
}

/**
 * Prices a call. The baseline is the flagship model's price for the same tokens; when the
 * flagship itself is unpriced the call's own cost stands in (0 if that is unknown too), so the
 * baseline never claims a saving it cannot show.
 */
export function priceUsage(usage: Usage, pricing: ModelPricing | undefined, catalog: ModelCatalog): PricedUsage {
  const cost = costNanoUsd(usage, pricing);
  return { usage, costNanoUsd: cost, baselineNanoUsd: baselineNanoUsd(usage, catalog) ?? cost ?? 0 };
}

/** Sums every call of a run; its totals are by construction the sum of the `node.usage` events. */
export class RunLedger {
  private readonly usage: Usage = { ...ZERO_USAGE };
  private cost = 0;
  private baseline = 0;
  private complete = true;
  private estimatedCalls = 0;

  record(priced: PricedUsage): void {
    addUsageInto(this.usage, priced.usage);
    if (priced.costNanoUsd === null) this.complete = false;
    else this.cost += priced.costNanoUsd;
    this.baseline += priced.baselineNanoUsd;
    if (priced.estimated) this.estimatedCalls++;
  }

  totals(durationMs: number): RunTotals {
    return {
      usage: { ...this.usage },
      costNanoUsd: this.cost,
      baselineNanoUsd: this.baseline,
      costComplete: this.complete,
      ...(this.estimatedCalls > 0 ? { estimatedCalls: this.estimatedCalls } : {}),
      durationMs: Math.max(0, durationMs),
    };
  }
}

/** Per-instance accumulator for `node.completed` and `node.failed`: usage and cost (null if any call was unpriced). */
export class InstanceTally {
  readonly usage: Usage = { ...ZERO_USAGE };
  private cost = 0;
  private unpriced = false;
  /** Calls whose usage is an estimate. */
  estimatedCalls = 0;

  record(priced: PricedUsage): void {
    addUsageInto(this.usage, priced.usage);
    if (priced.costNanoUsd === null) this.unpriced = true;
    else this.cost += priced.costNanoUsd;
    if (priced.estimated) this.estimatedCalls++;
  }

  get costNanoUsd(): number | null {
    return this.unpriced ? null : this.cost;
  }

  /** The tally as event fields; `estimatedCalls` only when some call was estimated. */
  fields(): { usage: Usage; costNanoUsd: number | null; estimatedCalls?: number } {
    return { usage: { ...this.usage }, costNanoUsd: this.costNanoUsd, ...(this.estimatedCalls > 0 ? { estimatedCalls: this.estimatedCalls } : {}) };
  }
}
