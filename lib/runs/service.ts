import { db } from "@/lib/db";
import { requireCollections } from "@/lib/documents";
import { AppError } from "@/lib/errors";
import type { GraphDocument } from "@/lib/graph";
import { getGraphDocument } from "@/lib/graphs/service";
import { graphChecksOf, requireRunnableGraph } from "@/lib/graphs/validation";
import { NANO_PER_USD, simSpeedFromEnv, type ModelClient } from "@/lib/models";
import { workspaceModelsOf } from "@/lib/workspaces/provider";
import { loadWorkspaceRunResources } from "@/lib/workspaces/run-resources";
import { cancelWaitingRun } from "./cancel-waiting";
import { announceCancel } from "./cancel-signal";
import { expiredLease, leaseMs } from "./ownership";
import { queueKind, runQueue } from "./queues";
import { requireAcceptingRuns } from "./run-context";
import { insertRun } from "./run-store";
import { runtime } from "./runtime";
import type { StartRunBody } from "./schemas";

const TERMINAL = ["succeeded", "failed", "cancelled", "budget_exceeded", "interrupted"];

export function isTerminalStatus(status: string): boolean {
  return TERMINAL.includes(status);
}

/**
 * Starts a run of a stored graph. The document is snapshotted into the run, so later edits
 * never change it; a graph with problems (saved while being built) answers 422 listing them
 * and starts nothing. `variant` runs a changed copy of the stored document instead (an
 * experiment's tiers); it is validated the same way and still recorded as a run of the graph.
 * The run is stored `queued` and handed to the run queue, which executes it when a slot is free.
 */
export async function startRun(
  workspaceId: string,
  graphId: string,
  body: StartRunBody,
  modelClient?: ModelClient,
  variant?: (graph: GraphDocument) => GraphDocument,
): Promise<{ id: string; status: string }> {
  requireAcceptingRuns();
  const [stored, workspace] = await Promise.all([getGraphDocument(workspaceId, graphId), loadWorkspaceRunResources(workspaceId)]);
  const graph = requireRunnableGraph(variant ? variant(stored.graph) : stored.graph, graphChecksOf(workspace));
  const { simulated } = workspaceModelsOf(workspace);
  // Checked against the workspace before the run exists: a foreign collection id answers 404.
  const documentIds = [...new Set(body.documents ?? [])];
  if (documentIds.length > 0) await requireCollections(workspaceId, documentIds);
  const runId = await insertRun({
    workspaceId,
    graphId,
    graphName: stored.name,
    graphSnapshot: graph,
    input: body.input,
    simulated: modelClient?.simulated ?? simulated,
    budgetNanoUsd: body.budgetUsd === undefined ? null : Math.round(body.budgetUsd * NANO_PER_USD),
    documents: documentIds.length > 0 ? documentIds : null,
    simulation: { speed: body.simulation?.speed ?? simSpeedFromEnv(), seed: body.simulation?.seed },
  });
  // The graph and the workspace's rows go along: executed in this process, the run does not read them again.
  const status = await runQueue().enqueue({ runId, workspaceId }, { modelClient, graph, workspace });
  return { id: runId, status };
}

/**
 * Resolves when a run executing in this process has ended and its outcome is stored; on the
 * BullMQ queue (runs execute in workers), when the run has stopped executing anywhere.
 */
export async function runFinished(runId: string): Promise<void> {
  await runtime.active.get(runId)?.done;
  if (queueKind() !== "bullmq") return;
  for (;;) {
    const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run || (run.status !== "queued" && run.status !== "running")) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Cancels a running run: in-flight model and tool calls are aborted, and it ends `cancelled`.
 * A run another process owns is asked to stop through the database (its heartbeat sees the
 * request); a run whose owner is gone ends here.
 */
export async function cancelRun(workspaceId: string, runId: string): Promise<{ id: string; status: string }> {
  const run = await db.run.findFirst({ where: { id: runId, workspaceId }, select: { status: true } });
  if (!run) throw AppError.notFound("Run");
  if (isTerminalStatus(run.status)) {
    throw new AppError("conflict", `This run already ended (${run.status.replace("_", " ")}).`);
  }
  if (run.status === "waiting") return cancelWaitingRun(runId);
  // A run still waiting for a slot ends here; the queue drops it.
  const unstarted = await db.run.updateMany({ where: { id: runId, status: "queued" }, data: { status: "cancelled", error: "The run was cancelled", endedAt: new Date() } });
  if (unstarted.count === 1) {
    await runQueue().withdraw(runId);
    return { id: runId, status: "cancelled" };
  }
  const active = runtime.active.get(runId);
  if (active) {
    active.controller.abort(new Error("Cancelled by the user."));
    await active.done;
  } else {
    const orphan = await db.run.updateMany({
      where: { id: runId, status: { notIn: TERMINAL }, ...expiredLease() },
      data: { status: "cancelled", error: "The run was cancelled", endedAt: new Date(), ownerId: null },
    });
    if (orphan.count === 0) {
      await db.run.update({ where: { id: runId }, data: { cancelRequested: true } });
      // Reaches the owner at once through Redis; the flag is the fallback its heartbeat reads.
      await announceCancel(runId);
      await waitForEnd(runId, leaseMs());
    }
  }
  const after = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
  return { id: runId, status: after.status };
}

/** Polls until a run another process owns has ended, for up to `ms`. */
async function waitForEnd(runId: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run || isTerminalStatus(run.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
