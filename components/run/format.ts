import { formatUsd } from "@/lib/models/cost";

/** Display formats shared by the run view. Money goes through `formatUsd` (lib/models/cost). */

/**
 * Why a figure carries "≈": some calls ended (cancelled, stopped by the budget, cut off and
 * retried) or finished without the provider reporting usage, so theirs is counted from the
 * prompt and what streamed. Empty when nothing is estimated.
 */
export function estimatedNote(calls: number): string {
  if (calls <= 0) return "";
  return `includes estimated usage from ${calls} interrupted or unreported ${calls === 1 ? "call" : "calls"}`;
}

/** A cost, with "≈" in front when part of it is estimated: "≈$0.0123". */
export function formatCost(nano: number | null, estimatedCalls = 0): string {
  return `${estimatedCalls > 0 ? "≈" : ""}${formatUsd(nano)}`;
}

/** "850 ms", "12.3 s", "2 m 05 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  const abs = Math.max(0, ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${(abs / 1000).toFixed(abs < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1000);
  return `${minutes} m ${String(seconds).padStart(2, "0")} s`;
}

/** A running clock: "0:07", "12:30", "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** "950", "12.4k", "1.2M". */
export function formatTokens(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** "62%" (no decimals from 10% up), "4.5%". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  return `${Math.abs(pct) >= 10 ? Math.round(pct) : pct.toFixed(1)}%`;
}
