import type { Tier } from "@/lib/graph/tiers";
import { tierFromModelId } from "../catalog";
import type { Rng } from "./random";
import { delayScale } from "./speed";

/** How fast a tier answers: time to first token, generation speed, prompt-processing speed. */
export interface LatencyProfile {
  firstTokenMs: number;
  tokensPerSecond: number;
  promptTokensPerSecond: number;
}

/** Rough shapes of OpenAI's small, mid and large models: nano answers first and streams fastest. */
export const TIER_LATENCY: Record<Tier, LatencyProfile> = {
  nano: { firstTokenMs: 150, tokensPerSecond: 250, promptTokensPerSecond: 40_000 },
  mini: { firstTokenMs: 350, tokensPerSecond: 150, promptTokensPerSecond: 20_000 },
  flagship: { firstTokenMs: 700, tokensPerSecond: 70, promptTokensPerSecond: 8_000 },
};

/** When a response's tokens are due, already scaled by the simulator's speed. */
export interface Timing {
  firstTokenMs: number;
  perTokenMs: number;
}

/**
 * The timing of one response. Uncached prompt tokens and hidden reasoning both delay the first
 * token, as they do on the real API; ±10% jitter comes from the request's seed. `speed` is the
 * speed-up factor of `SIM_SPEED`: 2 halves every delay, 0 removes them.
 */
export function timingFor(
  model: string,
  work: { uncachedPromptTokens: number; reasoningTokens: number },
  speed: number,
  rng: Rng,
): Timing {
  const p = TIER_LATENCY[tierFromModelId(model)];
  const jitter = 0.9 + 0.2 * rng.next();
  const firstTokenMs =
    p.firstTokenMs + (work.uncachedPromptTokens / p.promptTokensPerSecond) * 1000 + (work.reasoningTokens / p.tokensPerSecond) * 1000;
  const scale = delayScale(speed);
  return { firstTokenMs: firstTokenMs * jitter * scale, perTokenMs: (1000 / p.tokensPerSecond) * scale };
}

/** The error `fetch` rejects with when its signal aborts. */
export function abortError(): DOMException {
  return new DOMException("This operation was aborted", "AbortError");
}

/**
 * Waits `ms`, rejecting with an AbortError as soon as `signal` aborts. Zero or less waits not
 * at all (no timer), which is what speed 0 relies on to run instantly.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
