import { percentile, wilsonInterval, type Interval } from "./stats";
import { ALL_FLAGSHIP, type Variant } from "./variants";

/** One graded (or pending) case of one variant, as the results need it. */
export interface CaseOutcome {
  variant: number;
  status: string;
  passed: boolean | null;
  costNanoUsd: number;
  graderNanoUsd: number;
  latencyMs: number;
}

/** A variant's row of the results table. Costs are nano-dollars; rates are 0–1. */
export interface VariantResult {
  index: number;
  name: string;
  tiers: Record<string, string>;
  total: number;
  graded: number;
  successes: number;
  successRate: number | null;
  interval: Interval | null;
  meanCostNanoUsd: number | null;
  /** The variant's total graph cost over its successes: what one successful outcome costs. Null with no success. */
  costPerSuccessNanoUsd: number | null;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  /** 1 − cost per success ÷ all flagship's; null without an "All flagship" variant to compare with. */
  savingVsFlagship: number | null;
  /** What a rubric judge cost for this variant, kept apart from the graph's cost. */
  graderNanoUsd: number;
}

export function summarize(variants: readonly Variant[], cases: readonly CaseOutcome[]): VariantResult[] {
  const rows = variants.map((variant, index): VariantResult => {
    const mine = cases.filter((c) => c.variant === index);
    const graded = mine.filter((c) => c.status === "graded");
    const successes = graded.filter((c) => c.passed).length;
    const cost = graded.reduce((sum, c) => sum + c.costNanoUsd, 0);
    const latencies = graded.map((c) => c.latencyMs);
    return {
      index,
      name: variant.name,
      tiers: variant.tiers,
      total: mine.length,
      graded: graded.length,
      successes,
      successRate: graded.length ? successes / graded.length : null,
      interval: graded.length ? wilsonInterval(successes, graded.length) : null,
      meanCostNanoUsd: graded.length ? cost / graded.length : null,
      costPerSuccessNanoUsd: successes ? cost / successes : null,
      p50LatencyMs: percentile(latencies, 0.5),
      p95LatencyMs: percentile(latencies, 0.95),
      savingVsFlagship: null,
      graderNanoUsd: mine.reduce((sum, c) => sum + c.graderNanoUsd, 0),
    };
  });
  const flagship = rows.find((r) => r.name === ALL_FLAGSHIP)?.costPerSuccessNanoUsd;
  for (const row of rows) {
    if (flagship && row.costPerSuccessNanoUsd !== null) row.savingVsFlagship = 1 - row.costPerSuccessNanoUsd / flagship;
  }
  return rows;
}
