/**
 * What the benchmarks under e2e/perf share: a throw-away database (set before anything opens it),
 * percentiles, figure formatting with the goal beside it, and the check that a timed run did the
 * work it is timed for.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Points DATABASE_URL at a fresh SQLite file in a temp folder and returns that folder. Call before importing `@/lib/db`. */
export function scratchDatabase(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tierflow-bench-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  delete process.env.OPENAI_API_KEY;
  return dir;
}

/** A benchmark whose runs did not do the work it times: its figure would be meaningless. */
export class BenchmarkFailure extends Error {}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const fmt = (n: number, digits = 3) => n.toFixed(digits);

/** "met" or "MISSED" for a figure against an upper bound. */
export const verdict = (value: number, goal: number) => (value <= goal ? "met" : "MISSED");
