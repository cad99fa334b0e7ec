import type { Role, Tier } from "@/lib/graph";
import type { Usage } from "@/lib/models/cost";

/**
 * The one event contract of a run: the engine emits these, the run service numbers and
 * stores them, the SSE route streams them, and the browser folds them into node states.
 * Money is integer nano-dollars (1e-9 USD) so sums are exact; `null` means unpriced.
 */

/**
 * Statuses of a run (`interrupted`: set by the service when a run left by a stopped server cannot
 * resume, with the reason; `waiting`: stopped at an approval step until a person decides, held by no process).
 */
export const RUN_STATUSES = ["queued", "running", "waiting", "succeeded", "failed", "cancelled", "budget_exceeded", "interrupted"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** `waiting`: not started yet; `awaiting_approval`: an approval step a person has not decided yet. */
export const NODE_STATUSES = ["waiting", "running", "awaiting_approval", "succeeded", "failed", "skipped", "cancelled"] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

/** Totals carried by every final run event. */
export interface RunTotals {
  usage: Usage;
  costNanoUsd: number;
  /** The same token counts priced as if every node ran on the flagship tier. */
  baselineNanoUsd: number;
  /** False when some call was unpriced: `costNanoUsd` is then a lower bound. */
  costComplete: boolean;
  /**
   * Calls the provider reported no usage for (stopped, cut off, retried): their usage and cost
   * are estimated from the request and what streamed, and included above. Absent means none
   * (and in events stored before estimates existed).
   */
  estimatedCalls?: number;
  durationMs: number;
}

/** A chat message as a node's transcript shows it. */
export interface TranscriptMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
}

export interface PlanSubtask {
  title: string;
  instructions: string;
  /** Label of the downstream executor that takes it. */
  executor: string;
}

export interface ReviewVerdict {
  verdict: "approve" | "revise";
  feedback: string;
  output: string;
}

/** Where a node event happened: which node, which subtask instance, which revision pass. */
export interface NodeScope {
  nodeId: string;
  /** Subtask index for an executor pool instance; 0 otherwise. */
  instance: number;
  /** Revision pass: 0 for the first, +1 each time a reviewer sends the node back. */
  iteration: number;
}

/** What an approval step shows the person deciding: one upstream node's output. */
export interface ApprovalUpstream {
  nodeId: string;
  label: string;
  output: string;
}

/** Who decided an approval: an editor of the workspace, or nobody (the step's timeout). */
export interface ApprovalDecider {
  userId: string | null;
  name: string;
}

/** Where a tool lives, for display: an MCP server's name (null for a built-in tool) and the tool's name there. */
export interface ToolSource {
  server: string | null;
  name: string;
}

type EventBodies = {
  "run.started": { input: string; simulated: boolean; nodeCount: number; budgetNanoUsd: number | null };
  /**
   * A run continues after its server stopped: `restored` instances keep their stored results,
   * `rerun` ones (cut off mid-flight) start over; `costNanoUsd` is the spend carried over.
   */
  "run.resumed": { restored: NodeScope[]; rerun: NodeScope[]; costNanoUsd: number };
  "node.started": NodeScope & {
    role: Role;
    label: string;
    tier: Tier;
    model: string;
    /** Subtask title for pool instances. */
    title?: string;
    /** Pool instances only: how many instances this pass of the node runs. */
    poolSize?: number;
    messages: TranscriptMessage[];
  };
  "node.delta": NodeScope & { text: string };
  /** `tool` is the function name the model called; `source` (absent in older events and for unknown tools) says where it lives. */
  "node.tool_call": NodeScope & { callId: string; tool: string; arguments: string; source?: ToolSource };
  "node.tool_result": NodeScope & { callId: string; tool: string; ok: boolean; output: string; durationMs: number };
  /**
   * One model call's usage; `costNanoUsd` null when the model has no price. `estimated` when the
   * provider reported none (the call was stopped or cut off): prompt and streamed tokens counted
   * with the tokenizer instead.
   */
  "node.usage": NodeScope & { model: string; /** The provider's label; absent in events stored before providers. */ provider?: string; usage: Usage; costNanoUsd: number | null; baselineNanoUsd: number; estimated?: true };
  /** A model call failed transiently and is retried after `delayMs`; `attempt` is the attempt about to start (2 = first retry). Consumers drop the instance's partial text. */
  "node.retry": NodeScope & { attempt: number; delayMs: number; reason: string };
  "node.completed": NodeScope & {
    output: string;
    plan?: PlanSubtask[];
    verdict?: ReviewVerdict;
    /**
     * Pool instances only: on the completion that finishes the pass, the node's output (all
     * instances' outputs under their subtask titles). Its absence means other instances remain.
     */
    nodeOutput?: string;
    usage: Usage;
    costNanoUsd: number | null;
    /** How many of the instance's calls have estimated usage (absent: none). */
    estimatedCalls?: number;
    latencyMs: number;
  };
  /** Usage and cost: what the instance's calls spent before it failed (absent in events stored before they were added). */
  "node.failed": NodeScope & { error: string; usage?: Usage; costNanoUsd?: number | null; estimatedCalls?: number };
  "node.skipped": NodeScope & { reason: string };
  /** A reviewer sent work back: `targets` and everything downstream run again as `iteration`. */
  "review.revise": NodeScope & { targets: string[]; feedback: string; nextIteration: number };
  /**
   * An approval step was reached: the run stops there until a person decides. `text` is what goes
   * downstream if approved as it is; `deadline` (ms since the epoch) is when the step's timeout
   * decides `onTimeout` instead, null without a timeout.
   */
  "approval.requested": NodeScope & { label: string; upstream: ApprovalUpstream[]; text: string; deadline: number | null; onTimeout: "approve" | "reject" };
  /**
   * The decision on an approval step, stored by the run service (never emitted by the engine) before
   * the run resumes from its log. `text` goes downstream when approved (`edited` when the person changed
   * it); on a rejection `comment` is the reason. `by` is null when the timeout decided (`timedOut`).
   */
  "approval.decided": NodeScope & { decision: "approve" | "reject"; text: string; edited: boolean; comment: string | null; by: ApprovalDecider | null; timedOut: boolean };
  /** Every runnable node finished and the run stopped at approval steps (`waitingFor`); `costNanoUsd` is the spend so far. */
  "run.waiting": { waitingFor: string[]; costNanoUsd: number };
  "run.completed": RunTotals & { output: string; approved: boolean | null };
  "run.failed": RunTotals & { error: string };
  /** Instances still running when a run is cancelled or over budget get no event of their own: the final event closes them. */
  "run.cancelled": RunTotals;
  "run.budget_exceeded": RunTotals & { budgetNanoUsd: number };
};

export type RunEventType = keyof EventBodies;

/** An event as the engine emits it: the run service adds `runId` and `seq`. */
export type EngineEvent = { [K in RunEventType]: { type: K; ts: number } & EventBodies[K] }[RunEventType];

/** A stored, numbered event: what every consumer sees. */
export type RunEvent = EngineEvent & { runId: string; seq: number };

export type RunEventOf<K extends RunEventType> = Extract<RunEvent, { type: K }>;

export const FINAL_EVENT_TYPES = ["run.completed", "run.failed", "run.cancelled", "run.budget_exceeded"] as const satisfies readonly RunEventType[];

export function isFinalEvent(event: { type: string }): boolean {
  return (FINAL_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The run status a final event ends the run with. */
export function statusOfFinalEvent(event: RunEvent): RunStatus | null {
  switch (event.type) {
    case "run.completed":
      return "succeeded";
    case "run.failed":
      return "failed";
    case "run.cancelled":
      return "cancelled";
    case "run.budget_exceeded":
      return "budget_exceeded";
    default:
      return null;
  }
}
