import type { PlanSubtask, ReviewVerdict, RunEvent, ToolSource, TranscriptMessage } from "@/lib/engine/events";
import type { RunSummary } from "@/lib/engine/run-summary";
import type { Role, Tier } from "@/lib/graph";
import type { Usage } from "@/lib/models/cost";

/** `nodeId#instance.iteration`: one instance of a node in one revision pass. */
export type InstanceKey = string;

export function instanceKey(scope: { nodeId: string; instance: number; iteration: number }): InstanceKey {
  return `${scope.nodeId}#${scope.instance}.${scope.iteration}`;
}

export type InstanceStatus = "running" | "succeeded" | "failed" | "cancelled";

/** One step of an instance's conversation after its opening prompt, in the order it happened. */
export type TranscriptEntry =
  | { kind: "text"; text: string }
  | {
      kind: "tool";
      callId: string;
      tool: string;
      /** Where the tool lives (absent for events recorded before it was sent, and for unknown tools). */
      source?: ToolSource;
      arguments: string;
      result: { ok: boolean; output: string; durationMs: number } | null;
    }
  | { kind: "retry"; attempt: number; delayMs: number; reason: string }
  | { kind: "revise"; targets: string[]; feedback: string; nextIteration: number };

/** Everything a viewer sees of one instance: its prompt, streamed output, tool calls, verdict and cost. */
export interface InstanceView {
  key: InstanceKey;
  nodeId: string;
  instance: number;
  iteration: number;
  /** Subtask title of a pool instance. */
  title: string | null;
  model: string;
  messages: TranscriptMessage[];
  entries: TranscriptEntry[];
  status: InstanceStatus;
  /** Event timestamps (ms since the epoch). */
  startedAt: number;
  endedAt: number | null;
  output: string | null;
  plan: PlanSubtask[] | null;
  verdict: ReviewVerdict | null;
  usage: Usage;
  /** Null once a call was unpriced and none priced. */
  costNanoUsd: number | null;
  calls: number;
  /** Calls whose usage is estimated (stopped or cut off before the provider reported it); included above. */
  estimatedCalls: number;
  error: string | null;
}

/** One bar of the timeline: an instance's run from start to end. Times are ms since the run started. */
export interface TimelineBar {
  key: InstanceKey;
  nodeId: string;
  label: string;
  role: Role;
  tier: Tier;
  instance: number;
  iteration: number;
  title: string | null;
  start: number;
  /** Null while running. */
  end: number | null;
  status: InstanceStatus;
}

export type ConnectionState = "connecting" | "live" | "reconnecting" | "closed" | "error";

/** Defers a callback (to the next animation frame in the browser); returns a cancel function. */
export type FrameScheduler = (callback: () => void) => () => void;

/** The folded state of a run as the run page shows it. */
export interface RunViewState {
  /** Per-node state, from the engine's own fold (`applyRunEvent`). */
  summary: RunSummary;
  instances: Record<InstanceKey, InstanceView>;
  /** Instance keys per node, in start order. */
  nodeInstances: Record<string, InstanceKey[]>;
  /** The tail of the text a node streamed last, for its card on the canvas. */
  previews: Record<string, string>;
  /** In start order; a new array only when a bar starts or ends (not on every delta). */
  timeline: TimelineBar[];
  /** Timestamp of `run.started`, and of the final event. */
  startedAt: number | null;
  endedAt: number | null;
  /** `seq` of the last event applied: the resume point after a dropped connection. */
  lastSeq: number;
  /** Events applied so far (replays included). */
  eventCount: number;
  connection: ConnectionState;
}

export interface RunViewActions {
  /**
   * Queues an event; it is applied at the next frame. Events at or below `lastSeq` are dropped.
   * Answers whether the event ends the run (nothing follows it), so a stream knows to close.
   */
  receive(event: RunEvent): boolean;
  /** Applies queued events now (tests, and before reading state synchronously). */
  flush(): void;
  setConnection(connection: ConnectionState): void;
}

export type RunViewStore = RunViewState & RunViewActions;
