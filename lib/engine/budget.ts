import type { ModelPricing } from "@/lib/models/catalog";

/** Rough characters per token, for estimating spend before the provider reports usage. */
const CHARS_PER_TOKEN = 4;
/** USD per 1M tokens → nano-USD per token. */
const NANO_PER_TOKEN_PER_USD_PER_MILLION = 1000;

/** The running spend estimate of one in-flight model call. */
export interface InFlightEstimate {
  /** Streamed output grew by `chars` characters. */
  addOutput(chars: number): void;
  /** The attempt failed and will be retried: its streamed output no longer counts. */
  resetOutput(): void;
  /** The call ended; its real cost (if any) is committed separately. */
  close(): void;
}

const NO_ESTIMATE: InFlightEstimate = { addOutput() {}, resetOutput() {}, close() {} };

/**
 * Watches a run's spend against its budget: committed cost of finished calls plus an estimate of
 * calls in flight (prompt and streamed text at ~4 characters per token). Calls `onExceeded` once,
 * as soon as the total reaches the budget. Unpriced calls cannot be estimated and count as 0.
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

  /** Adds a finished call's cost. */
  commit(costNanoUsd: number | null): void {
    if (this.limitNanoUsd === null || costNanoUsd === null) return;
    this.committed += costNanoUsd;
    this.check();
  }

  /** Starts estimating a call to a model priced `pricing` with a prompt of `promptChars` characters. */
  open(pricing: ModelPricing | undefined, promptChars: number): InFlightEstimate {
    if (this.limitNanoUsd === null || !pricing) return NO_ESTIMATE;
    const perInputChar = (pricing.inputPerMillion * NANO_PER_TOKEN_PER_USD_PER_MILLION) / CHARS_PER_TOKEN;
    const perOutputChar = (pricing.outputPerMillion * NANO_PER_TOKEN_PER_USD_PER_MILLION) / CHARS_PER_TOKEN;
    const inputEstimate = promptChars * perInputChar;
    let outputEstimate = 0;
    let open = true;
    this.inFlight += inputEstimate;
    this.check();
    return {
      addOutput: (chars) => {
        if (!open) return;
        const more = chars * perOutputChar;
        outputEstimate += more;
        this.inFlight += more;
        this.check();
      },
      resetOutput: () => {
        if (!open) return;
        this.inFlight -= outputEstimate;
        outputEstimate = 0;
      },
      close: () => {
        if (!open) return;
        open = false;
        this.inFlight -= inputEstimate + outputEstimate;
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
