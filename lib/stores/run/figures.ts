import { nodeTimes } from "@/lib/engine/run-summary";
import type { RunViewState } from "./types";

/**
 * The run's headline figures, one definition each, shared by the header, the timeline and the
 * cost table (per node they are `NodeSummary`'s `instances`, `calls`, `wallMs`, `summedMs`).
 */
export interface RunFigures {
  /** Instances over every node and pass: one per subtask (1 for a single node) per pass. */
  instances: number;
  /** Model calls (a tool-using instance makes several). */
  calls: number;
  /** The run's wall time, `run.started` → final event; null before it starts. */
  wallMs: number | null;
  /** Every instance's time added up: the work done, above the wall time when instances ran in parallel. */
  summedMs: number;
}

/** The run's wall time: from `run.started` to the final event, or to `now` while it runs. */
export function runWallMs(startedAt: number | null, endedAt: number | null, now: number | null): number | null {
  if (startedAt === null) return null;
  const end = endedAt ?? now;
  return end === null ? 0 : Math.max(0, end - startedAt);
}

/** The figures as of `now` (running instances count up to it). */
export function runFigures(state: Pick<RunViewState, "summary" | "startedAt" | "endedAt">, now: number | null): RunFigures {
  let instances = 0;
  let calls = 0;
  let summedMs = 0;
  const at = state.endedAt ?? now;
  for (const node of Object.values(state.summary.nodes)) {
    instances += node.instances;
    calls += node.calls;
    summedMs += nodeTimes(node, at).summedMs;
  }
  return { instances, calls, wallMs: runWallMs(state.startedAt, state.endedAt, now), summedMs };
}
