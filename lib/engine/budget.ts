import type { ModelPricing } from "@/lib/models/catalog";
import { costNanoUsd, type Usage } from "@/lib/models/cost";

/** The running spend estimate of one in-flight model call. */
export interface InFlightEstimate {
  /** False when the run has no budget or the model no price: there is nothing to watch, so callers may skip counting. */
  readonly active: boolean;
  /** The call's estimated usage so far (replacing the last one), priced and checked against the budget. */
  update(usage: Usage): void;
  /** The call ended; its cost, reported or estimated, is committed separately. */
  close(): void;
}

const NO_ESTIMATE: InFlightEstimate = { active: false, update() {}, close() {} };

/**
 * Watches a run's spend against its budget: the committed cost of ended calls (reported, or
 * estimated for calls cut off) plus the estimated cost of calls in flight, priced from the same
 * token estimate a cut-off call is recorded with. Calls `onExceeded` once, as soon as the total
 * reaches the budget. Unpriced calls cannot be priced and count as 0.
 */
export class BudgetGuard {
  private committed = 0;
  private inFlight = 0;
  private tripped = false;

  constructor(
    private readonly limitNanoUsd: number | null,
    private readonly onExceeded: () => void,
  ) {}

  get exceeded(): boolean {
    return this.tripped;
  }

  /** Adds an ended call's cost. */
  commit(costNanoUsd: number | null): void {
    if (this.limitNanoUsd === null || costNanoUsd === null) return;
    this.committed += costNanoUsd;
    this.check();
  }

  /** Starts estimating a call to a model priced `pricing`; the caller feeds it the call's usage as it grows. */
  open(pricing: ModelPricing | undefined): InFlightEstimate {
    if (this.limitNanoUsd === null || !pricing) return NO_ESTIMATE;
    let estimate = 0;
    let open = true;
    return {
      active: true,
      update: (usage) => {
        if (!open) return;
        const next = costNanoUsd(usage, pricing) ?? 0;
        this.inFlight += next - estimate;
        estimate = next;
        this.check();
      },
      close: () => {
        if (!open) return;
        open = false;
        this.inFlight -= estimate;
      },
    };
  }

  private check(): void {
    if (this.tripped || this.limitNanoUsd === null) return;
    if (this.committed + this.inFlight >= this.limitNanoUsd) {
      this.tripped = true;
      this.onExceeded();
    }
  }
}
