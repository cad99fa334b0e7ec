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
  /** When the run first started (its `run.started`), so durations span the whole run. */
  startedAt: number | null;
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
  let startedAt: number | null = null;
  for (const event of events) {
    switch (event.type) {
      case "run.started":
        startedAt ??= event.ts;
        break;
      case "node.started":
        started.set(scopeKey(event), { nodeId: event.nodeId, instance: event.instance, iteration: event.iteration });
        break;
      case "node.completed":
        completed.set(scopeKey(event), { output: event.output, ...(event.plan ? { plan: event.plan } : {}), ...(event.verdict ? { verdict: event.verdict } : {}) });
        started.delete(scopeKey(event));
        break;
      case "node.failed":
        started.delete(scopeKey(event));
        break;
      case "node.usage":
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
  return { completed, revisions, approvals, spend, unfinished: [...started.values()], startedAt };
}
