import type { Tier } from "@/lib/graph";
import type { PromptMessage } from "@/lib/models/tokens";
import type { EngineEvent, NodeScope, PlanSubtask, ReviewVerdict } from "./events";

type Stamped<K extends EngineEvent["type"]> = Extract<EngineEvent, { type: K }>;

/** An approval step reached in an earlier part of the run, and its decision once there is one. */
export interface RestoredApproval {
  request: Stamped<"approval.requested">;
  decision: Stamped<"approval.decided"> | null;
}
import type { PricedUsage } from "./ledger";

/** What a finished instance produced, as its stored `node.completed` says. */
export interface RestoredInstance {
  output: string;
  plan?: PlanSubtask[];
  verdict?: ReviewVerdict;
}

/**
 * A run's state rebuilt from its stored events, so a resumed run redoes no finished work: finished
 * instances return their stored output (so planner subtasks, verdicts and therefore revision
 * passes and routing come out the same), and every call already billed stays counted once.
 */
export interface RestoredRun {
  /** Finished instances by scope key. */
  completed: ReadonlyMap<string, RestoredInstance>;
  /** Reviewer passes whose `review.revise` is already in the log: replaying them emits nothing. */
  revisions: ReadonlySet<string>;
  /** Approval steps already reached, by scope key: a resumed run does not ask again, and goes on once decided. */
  approvals: ReadonlyMap<string, RestoredApproval>;
  /** Every call already priced (`node.usage`), counted into the ledger and the budget. */
  spend: readonly PricedUsage[];
  /** Instances that started but never finished: they run again from the start. */
  unfinished: NodeScope[];
  /** Model calls the stop cut off mid-stream: billed by the provider, never reported to the log. */
  cutOff: CutOffCall[];
  /** When the run first started (its `run.started`), so durations span the whole run. */
  startedAt: number | null;
}

/**
 * A call of an unfinished instance that had streamed text when its process died. Its request is
 * rebuilt from the log (the instance's transcript, then the tool rounds before it), so it can be
 * charged as an estimate, like a call a cancel cuts off. A call that had streamed nothing is not
 * charged: nothing in the log says it reached the model.
 */
export interface CutOffCall {
  scope: NodeScope;
  tier: Tier;
  model: string;
  prompt: PromptMessage[];
  streamed: string;
}

export const scopeKey = (scope: NodeScope): string => `${scope.nodeId}\u0000${scope.instance}\u0000${scope.iteration}`;

export function scopeOfKey(key: string): NodeScope {
  const [nodeId, instance, iteration] = key.split("\u0000");
  return { nodeId, instance: Number(instance), iteration: Number(iteration) };
}

/** Rebuilds a run's state from its events, in order. */
export function restoreRun(events: readonly EngineEvent[]): RestoredRun {
  const completed = new Map<string, RestoredInstance>();
  const started = new Map<string, NodeScope>();
  const revisions = new Set<string>();
  const approvals = new Map<string, RestoredApproval>();
  const spend: PricedUsage[] = [];
  // The call each started instance has open: its request so far and what it streamed.
  const calls = new Map<string, CutOffCall>();
  let startedAt: number | null = null;
  for (const event of events) {
    const call = "nodeId" in event ? calls.get(scopeKey(event)) : undefined;
    switch (event.type) {
      case "run.started":
        startedAt ??= event.ts;
        break;
      case "node.started": {
        const scope = { nodeId: event.nodeId, instance: event.instance, iteration: event.iteration };
        started.set(scopeKey(event), scope);
        calls.set(scopeKey(event), { scope, tier: event.tier, model: event.model, prompt: [...event.messages], streamed: "" });
        break;
      }
      case "node.delta":
        if (call) call.streamed += event.text;
        break;
      case "node.retry":
        // The attempt was charged (or never billed); the retry streams afresh.
        if (call) call.streamed = "";
        break;
      case "node.tool_call":
        call?.prompt.push({ role: "assistant", tool_calls: [{ type: "function", function: { name: event.tool, arguments: event.arguments } }] });
        break;
      case "node.tool_result":
        call?.prompt.push({ role: "tool", content: event.output });
        break;
      case "node.completed":
        completed.set(scopeKey(event), { output: event.output, ...(event.plan ? { plan: event.plan } : {}), ...(event.verdict ? { verdict: event.verdict } : {}) });
        started.delete(scopeKey(event));
        break;
      case "node.failed":
        started.delete(scopeKey(event));
        break;
      case "node.usage":
        // That call is settled; what it answered is part of the next one's request.
        if (call?.streamed) call.prompt.push({ role: "assistant", content: call.streamed });
        if (call) call.streamed = "";
        spend.push({ usage: event.usage, costNanoUsd: event.costNanoUsd, baselineNanoUsd: event.baselineNanoUsd, ...(event.estimated ? { estimated: true as const } : {}) });
        break;
      case "review.revise":
        revisions.add(scopeKey(event));
        break;
      case "approval.requested":
        // A gate is not work cut off mid-flight: it waits, and nothing about it runs again.
        approvals.set(scopeKey(event), { request: event, decision: null });
        started.delete(scopeKey(event));
        break;
      case "approval.decided": {
        const gate = approvals.get(scopeKey(event));
        if (gate && !gate.decision) gate.decision = event;
        break;
      }
      default:
        break;
    }
  }
  const cutOff = [...started.keys()].flatMap((key) => {
    const call = calls.get(key);
    return call?.streamed ? [call] : [];
  });
  return { completed, revisions, approvals, spend, unfinished: [...started.values()], cutOff, startedAt };
}
