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

/** One past run of one node, its tokens restated for the node's current model. */
export interface NodeSample {
  instances: number;
  calls: number | null;
  input: number;
  cached: number;
  output: number;
}

/** A node's calibrated figures: p10 / p50 / p90 of its past runs. */
export interface CalibratedNode {
  runs: number;
  instances: Range;
  /** Null when no past run recorded its calls. */
  calls: Range | null;
  input: Range;
  cached: Range;
  output: Range;
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

/** The node's samples in `history` (same id, same role, it ran), oldest first. */
export function nodeSamples(node: GraphNode, history: readonly PastRun[], reasonsNow: boolean): NodeSample[] {
  return history.flatMap((run) => {
    const past = run.nodes.find((n) => n.nodeId === node.id && n.role === node.role);
    if (!past || past.instances <= 0) return [];
    const { usage } = past;
    return [{ instances: past.instances, calls: past.calls ?? null, input: usage.inputTokens, cached: usage.cachedInputTokens, output: restatedOutput(usage, reasonsNow) }];
  });
}

/** p10 / p50 / p90 of the samples; with few of them the range is at least as wide, relatively, as `prior`'s. */
function calibratedRange(values: readonly number[], prior: Range): Range {
  const range = percentileRange(values);
  if (values.length >= FEW_SAMPLES || prior.expected <= 0) return range;
  return { low: Math.min(range.low, (range.expected * prior.low) / prior.expected), expected: range.expected, high: Math.max(range.high, (range.expected * prior.high) / prior.expected) };
}

/** The node's figures from its samples (the latest `CALIBRATION_WINDOW`); null with none. */
export function calibrateNode(samples: readonly NodeSample[], prior: { instances: Range; input: Range; output: Range; cached: Range; calls: Range }): CalibratedNode | null {
  const used = samples.slice(-CALIBRATION_WINDOW);
  if (used.length === 0) return null;
  const of = (f: (s: NodeSample) => number, p: Range) => calibratedRange(used.map(f), p);
  const withCalls = used.filter((s) => s.calls !== null);
  return {
    runs: used.length,
    instances: of((s) => s.instances, prior.instances),
    calls: withCalls.length > 0 ? calibratedRange(withCalls.map((s) => s.calls!), prior.calls) : null,
    input: of((s) => s.input, prior.input),
    cached: of((s) => s.cached, prior.cached),
    output: of((s) => s.output, prior.output),
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
