import type { CompletionUsage } from "openai/resources/completions";
import type { ModelCatalog, ModelPricing } from "./catalog";

/** Token counts of one or more model calls, as the provider reports them. */
export interface Usage {
  /** All prompt tokens, cached ones included. */
  inputTokens: number;
  /** The part of `inputTokens` served from the provider's prompt cache. */
  cachedInputTokens: number;
  /** All completion tokens, reasoning included. */
  outputTokens: number;
  /** The part of `outputTokens` spent on hidden reasoning. */
  reasoningTokens: number;
}

export const ZERO_USAGE: Readonly<Usage> = Object.freeze({
  inputTokens: 0,
  cachedInputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
});

const count = (n: number | null | undefined): number =>
  typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;

/** Our usage from the `usage` object of a Chat Completions response or final stream chunk. */
export function usageFromCompletion(u: CompletionUsage | null | undefined): Usage {
  if (!u) return { ...ZERO_USAGE };
  const inputTokens = count(u.prompt_tokens);
  const outputTokens = count(u.completion_tokens);
  return {
    inputTokens,
    cachedInputTokens: Math.min(count(u.prompt_tokens_details?.cached_tokens), inputTokens),
    outputTokens,
    reasoningTokens: Math.min(count(u.completion_tokens_details?.reasoning_tokens), outputTokens),
  };
}

/** Sum of usages (a node's instances and passes, a run's nodes). */
export function addUsage(...usages: Usage[]): Usage {
  const total = { ...ZERO_USAGE };
  for (const u of usages) {
    total.inputTokens += u.inputTokens;
    total.cachedInputTokens += u.cachedInputTokens;
    total.outputTokens += u.outputTokens;
    total.reasoningTokens += u.reasoningTokens;
  }
  return total;
}

/** One billionth of a US dollar: all money is kept as an integer count of these. */
export const NANO_PER_USD = 1_000_000_000;

// Prices become integer micro-dollars per 1M tokens (exact for up to six decimals),
// so tokens × price stays integral and the one rounding happens at the end.
const microPerMillion = (usdPerMillion: number): bigint => BigInt(Math.round(usdPerMillion * 1_000_000));

/**
 * Cost of `usage` in integer nano-dollars: uncached input × input price + cached input × cached price
 * + output (reasoning included) × output price. `null` when the model is unpriced — never 0.
 */
export function costNanoUsd(usage: Usage, pricing: ModelPricing | null | undefined): number | null {
  if (!pricing) return null;
  const input = count(usage.inputTokens);
  const cached = Math.min(count(usage.cachedInputTokens), input);
  const picoUsd =
    BigInt(input - cached) * microPerMillion(pricing.inputPerMillion) +
    BigInt(cached) * microPerMillion(pricing.cachedInputPerMillion) +
    BigInt(count(usage.outputTokens)) * microPerMillion(pricing.outputPerMillion);
  // micro-dollars per 1M tokens = pico-dollars per token; 1000 pico = 1 nano, rounded half up.
  return Number((picoUsd + 500n) / 1000n);
}

/** What `usage` would have cost on the flagship tier's model; `null` if that model is unpriced. */
export function baselineNanoUsd(usage: Usage, catalog: ModelCatalog): number | null {
  const flagship = catalog.models[catalog.tiers.flagship];
  return costNanoUsd(usage, flagship?.pricing);
}

/** Nano-dollars as a (floating) dollar amount, for charts and export; keep sums in nano-dollars. */
export function nanoToUsd(nano: number): number {
  return nano / NANO_PER_USD;
}

const NANO_PER_TEN_THOUSANDTH = 100_000n;
const NANO_PER_CENT = 10_000_000n;

/**
 * A cost for display: "$0.0123" below a dollar, "$12.35" from a dollar up, "<$0.0001" for a
 * non-zero cost too small to show, "$0.00" for zero and "unpriced" for `null`.
 */
export function formatUsd(nano: number | null): string {
  if (nano === null || !Number.isFinite(nano)) return "unpriced";
  const sign = nano < 0 ? "-" : "";
  const abs = BigInt(Math.round(Math.abs(nano)));
  if (abs === 0n) return "$0.00";
  if (abs < NANO_PER_TEN_THOUSANDTH / 2n) return `${sign}<$0.0001`;
  if (abs < BigInt(NANO_PER_USD)) {
    const units = (abs + NANO_PER_TEN_THOUSANDTH / 2n) / NANO_PER_TEN_THOUSANDTH;
    return units >= 10_000n ? `${sign}$1.00` : `${sign}$0.${units.toString().padStart(4, "0")}`;
  }
  const cents = (abs + NANO_PER_CENT / 2n) / NANO_PER_CENT;
  const dollars = (cents / 100n).toLocaleString("en-US");
  return `${sign}$${dollars}.${(cents % 100n).toString().padStart(2, "0")}`;
}
