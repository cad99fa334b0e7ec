import type { GraphDocument } from "@/lib/graph";
import { chargeCutOffCalls } from "./call-meter";
import type { EngineContext } from "./context";
import type { RunTotals } from "./events";
import { scopeOfKey } from "./restore";
import { ROLE_RUNNERS } from "./roles";
import { createRuntime } from "./runtime";
import { Scheduler } from "./scheduler";

/** How a run ended. `totals` equal the sum of the run's `node.usage` events. */
export interface RunOutcome {
  /** `waiting`: stopped at approval steps (`run.waiting` emitted); the service resumes it once a person decides. */
  status: "succeeded" | "failed" | "cancelled" | "budget_exceeded" | "waiting";
  /** The sink nodes' outputs (joined under their labels when several); empty unless succeeded. */
  output: string;
  /** Null when no reviewer judged the work; else whether every reviewer's last verdict approved. */
  approved: boolean | null;
  error?: string;
  totals: RunTotals;
}

/**
 * Runs a validated graph on `input` and emits its events through `ctx.emit`: `run.started`, the
 * node events, then exactly one final event (`run.completed`, `run.failed`, `run.cancelled` or
 * `run.budget_exceeded`), after which nothing more is emitted.
 *
 * - A node failure fails the run: nothing new starts, nodes not yet started get `node.skipped`
 *   (naming the failed node), nodes in flight finish, then `run.failed` names the failed node.
 * - Cancel (`ctx.signal`) and the budget stop the run at once: in-flight model and tool calls are
 *   aborted and the final event follows immediately. Aborted instances get no event of their
 *   own: the final event closes them (the run summary marks running nodes `cancelled` and
 *   waiting ones `skipped`). Spend is what providers reported, plus for every call that ended
 *   without a usage report (stopped, cut off, retried) an estimate from the request and what it
 *   streamed, emitted as `node.usage` marked `estimated` before the final event.
 *
 * Never rejects for run-level problems; the outcome says what happened.
 */
export async function runGraph(graph: GraphDocument, input: string, ctx: EngineContext): Promise<RunOutcome> {
  const rt = createRuntime(ctx, input, graph.settings.maxConcurrency);
  const restore = ctx.restore;
  const startedAt = restore?.startedAt ?? rt.clock.now();
  const budget = ctx.budgetNanoUsd ?? null;
  if (restore) {
    const restored = [...restore.completed.keys()].map(scopeOfKey);
    rt.emit({ type: "run.resumed", restored, rerun: restore.unfinished, costNanoUsd: rt.ledger.totals(0).costNanoUsd });
    chargeCutOffCalls(rt, restore.cutOff);
  } else {
    rt.emit({ type: "run.started", input, simulated: ctx.simulated, nodeCount: graph.nodes.length, budgetNanoUsd: budget });
  }

  const outcome = await new Scheduler(rt, graph, ROLE_RUNNERS).run();
  // Calls a stop cut off are billed too: their estimated usage goes out before the final event.
  rt.settleOpenCalls();
  const totals = rt.ledger.totals(rt.clock.now() - startedAt);
  let result: RunOutcome;
  if (outcome.kind === "stopped" && rt.stopReason === "budget_exceeded") {
    rt.emit({ type: "run.budget_exceeded", ...totals, budgetNanoUsd: budget ?? 0 });
    result = { status: "budget_exceeded", output: "", approved: null, error: "The run's budget was reached", totals };
  } else if (outcome.kind === "stopped") {
    rt.emit({ type: "run.cancelled", ...totals });
    result = { status: "cancelled", output: "", approved: null, error: "The run was cancelled", totals };
  } else if (outcome.kind === "waiting") {
    rt.emit({ type: "run.waiting", waitingFor: outcome.nodeIds, costNanoUsd: totals.costNanoUsd });
    result = { status: "waiting", output: "", approved: null, totals };
  } else if (outcome.kind === "failed") {
    rt.emit({ type: "run.failed", ...totals, error: outcome.error });
    result = { status: "failed", output: "", approved: null, error: outcome.error, totals };
  } else {
    rt.emit({ type: "run.completed", ...totals, output: outcome.output, approved: outcome.approved });
    result = { status: "succeeded", output: outcome.output, approved: outcome.approved, totals };
  }
  rt.close();
  return result;
}
