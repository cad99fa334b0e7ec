import { costNanoUsd, type Usage } from "./cost";
import type { ModelPricing } from "./catalog";

/**
 * The arithmetic of cost estimates: scenarios and ranges, an approximate token count for the
 * browser, percentiles of past figures, and pricing an estimated usage. The estimator itself
 * lives in lib/engine/estimate (it builds the engine's own prompts).
 */

export type Scenario = "low" | "expected" | "high";
export const SCENARIOS: readonly Scenario[] = ["low", "expected", "high"];
/** A figure in each scenario. */
export type Range = Record<Scenario, number>;
export type TokenCounter = (text: string) => number;

/** What attached documents feed the model: the file listing planners see, and what one read returns. */
export interface EstimateDocuments {
  /** The listing appended to the task of planners and single nodes. */
  listing: string;
  /** Files attached: a planner fans out over them (up to its `maxSubtasks`). */
  files: number;
  /** Tokens one `read_file` returns on average (each file's size, up to the tool's cap). */
  readTokens: number;
}

/** o200k-like token count without the 2 MB vocabulary: words, 3-digit groups and symbols. Within ~10% on English prompts. */
export function approxTokenCount(text: string): number {
  let tokens = 0;
  for (const piece of text.match(/[A-Za-z]+|\d{1,3}|[^\sA-Za-z\d]/g) ?? []) tokens += piece.length > 12 ? 2 : 1;
  return tokens;
}

export const uniformRange = (n: number): Range => ({ low: n, expected: n, high: n });
/** A range from a figure per scenario, by index into `SCENARIOS`. */
export const rangeOf = (value: (index: number) => number): Range => ({ low: value(0), expected: value(1), high: value(2) });

/** The `q`-quantile (0…1) of `values`, linearly interpolated between order statistics; NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}

/** The quantiles a calibrated range reads from history: p10, the median, p90. */
export const RANGE_QUANTILES: Range = { low: 0.1, expected: 0.5, high: 0.9 };

/** p10 / p50 / p90 of `values`. */
export function percentileRange(values: readonly number[]): Range {
  return rangeOf((i) => percentile(values, RANGE_QUANTILES[SCENARIOS[i]]));
}

/** Token counts of an estimate (fractional while they are expectations). */
export interface EstimatedUsage {
  input: number;
  cached: number;
  /** Reasoning included. */
  output: number;
}

/** The cost of an estimated usage: counts are rounded, cached input never exceeds input. */
export function priceEstimatedUsage(u: EstimatedUsage, pricing: ModelPricing): number {
  const input = Math.round(u.input);
  const usage: Usage = { inputTokens: input, cachedInputTokens: Math.min(Math.round(u.cached), input), outputTokens: Math.round(u.output), reasoningTokens: 0 };
  return costNanoUsd(usage, pricing) ?? 0;
}

/** Mean absolute percentage error of predictions against actual figures (pairs with an actual of 0 are skipped); null for none. */
export function meanAbsolutePercentError(pairs: readonly { predicted: number; actual: number }[]): number | null {
  const usable = pairs.filter((p) => p.actual > 0);
  if (usable.length === 0) return null;
  return usable.reduce((n, p) => n + Math.abs(p.predicted - p.actual) / p.actual, 0) / usable.length;
}
