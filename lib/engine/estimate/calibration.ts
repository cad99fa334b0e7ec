import type { GraphNode } from "@/lib/graph";
import { REASONING_SHARE } from "@/lib/models/catalog";
import { meanAbsolutePercentError, percentileRange, rangeOf, SCENARIOS, type Range } from "@/lib/models/estimate";
import type { EstimateAccuracy, PastRun, PastRunNode } from "./types";

/**
 * Calibration on history, pure: a node's figures from what its past runs used (matched by node
 * id and role), and the estimate's error measured on held-out past runs.
 */

/** Past runs a calibrated node draws on: the latest ones (older behaviour may predate edits). */
export const CALIBRATION_WINDOW = 20;
/** Held-out runs the accuracy is measured on: the latest ones, each estimated from the runs before it. */
export const ACCURACY_HOLDOUTS = 10;
/** Below this many samples p10/p90 say little; the range is widened to at least the priors' relative spread. */
const FEW_SAMPLES = 3;

/** The figures of a node the calibration reads, each a range over the scenarios. */
export type NodeFigures = Record<"instances" | "calls" | "input" | "cached" | "output", Range>;
type Field = keyof NodeFigures;

/** One past run of one node: what it used (output restated for the node's current model), and what the priors expected of that run. */
export interface NodeSample {
  instances: number;
  calls: number | null;
  input: number;
  cached: number;
  output: number;
  /** The priors' expected figures for that run's task and documents, on today's graph; null when unknown. */
  prior: Record<Field, number> | null;
}

/** A node's calibrated figures: p10 / p50 / p90 of its past runs, each scaled to this run's task. */
export interface CalibratedNode extends Omit<NodeFigures, "calls"> {
  runs: number;
  /** Null when no past run recorded its calls. */
  calls: Range | null;
}

/**
 * Output tokens as the node's current model would bill them: hidden reasoning is kept when the
 * past call reasoned and the model still does, added at the typical share when only the current
 * model reasons, and dropped when it no longer does.
 */
export function restatedOutput(usage: PastRunNode["usage"], reasonsNow: boolean): number {
  const visible = usage.outputTokens - usage.reasoningTokens;
  if (!reasonsNow) return visible;
  return usage.reasoningTokens > 0 ? usage.outputTokens : visible * (1 + REASONING_SHARE.expected);
}

/** The node's samples in `history` (same id, same role, it ran), oldest first; `priorOf` gives the priors' expectation for a run. */
export function nodeSamples(node: GraphNode, history: readonly PastRun[], reasonsNow: boolean, priorOf: (run: PastRun) => Record<Field, number> | null): NodeSample[] {
  return history.flatMap((run) => {
    const past = run.nodes.find((n) => n.nodeId === node.id && n.role === node.role);
    if (!past || past.instances <= 0) return [];
    const { usage } = past;
    return [
      {
        instances: past.instances,
        calls: past.calls ?? null,
        input: usage.inputTokens,
        cached: usage.cachedInputTokens,
        output: restatedOutput(usage, reasonsNow),
        prior: priorOf(run),
      },
    ];
  });
}

/**
 * A past figure restated for this run: scaled by how much more (or less) the priors expect of
 * this task than of that run's (a longer task, more attached files, an edited prompt). Cached
 * input scales with input. Unscaled when either expectation is zero.
 */
function scaled(sample: NodeSample, field: Field, current: NodeFigures): number {
  const actual = field === "calls" ? sample.calls! : sample[field];
  const basis: Field = field === "cached" ? "input" : field;
  const then = sample.prior?.[basis] ?? 0;
  const now = current[basis].expected;
  return then > 0 && now > 0 ? (actual * now) / then : actual;
}

/** p10 / p50 / p90 of the samples; with few of them the range is at least as wide, relatively, as `prior`'s. */
function calibratedRange(values: readonly number[], prior: Range): Range {
  const range = percentileRange(values);
  if (values.length >= FEW_SAMPLES || prior.expected <= 0) return range;
  return { low: Math.min(range.low, (range.expected * prior.low) / prior.expected), expected: range.expected, high: Math.max(range.high, (range.expected * prior.high) / prior.expected) };
}

/** The node's figures from its samples (the latest `CALIBRATION_WINDOW`), scaled to this run; null with none. */
export function calibrateNode(samples: readonly NodeSample[], current: NodeFigures): CalibratedNode | null {
  const used = samples.slice(-CALIBRATION_WINDOW);
  if (used.length === 0) return null;
  const of = (field: Field, from = used) => calibratedRange(from.map((s) => scaled(s, field, current)), current[field]);
  const withCalls = used.filter((s) => s.calls !== null);
  return {
    runs: used.length,
    instances: of("instances"),
    calls: withCalls.length > 0 ? of("calls", withCalls) : null,
    input: of("input"),
    cached: of("cached"),
    output: of("output"),
  };
}

/** `calibrated` ordered low ≤ expected ≤ high (independent percentiles can cross after widening). */
export function ordered(range: Range): Range {
  const sorted = SCENARIOS.map((s) => range[s]).sort((a, b) => a - b);
  return rangeOf((i) => sorted[i]);
}

/**
 * Accuracy on held-out runs: each of the latest `ACCURACY_HOLDOUTS` runs (with at least one
 * run before it) is estimated from the runs before it, then from the priors alone, and both are
 * compared with what it cost. `predict(run, before)` answers the expected cost of `run`, and
 * `actual(run)` its cost, over the same nodes. Null when no run can be held out.
 */
export function measureAccuracy(
  history: readonly PastRun[],
  predict: (run: PastRun, before: readonly PastRun[]) => number,
  actual: (run: PastRun) => number,
): EstimateAccuracy | null {
  const calibrated: { predicted: number; actual: number }[] = [];
  const priors: { predicted: number; actual: number }[] = [];
  for (let i = Math.max(1, history.length - ACCURACY_HOLDOUTS); i < history.length; i++) {
    const run = history[i];
    const cost = actual(run);
    if (!(cost > 0)) continue;
    calibrated.push({ predicted: predict(run, history.slice(0, i)), actual: cost });
    priors.push({ predicted: predict(run, []), actual: cost });
  }
  const error = meanAbsolutePercentError(calibrated);
  const priorsError = meanAbsolutePercentError(priors);
  if (error === null || priorsError === null) return null;
  return { runs: calibrated.length, meanAbsPercentError: error, priorsMeanAbsPercentError: priorsError };
}
