import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GraphDocument } from "@/lib/graph";
import { getGraph } from "@/lib/graphs/service";
import { requireRunnableGraph, workspaceToolNames } from "@/lib/graphs/validation";
import { NANO_PER_USD, simSpeedFromEnv, type ModelClient } from "@/lib/models";
import { workspaceHttpTools } from "@/lib/workspaces/http-tools";
import { workspaceMcpServers } from "@/lib/workspaces/mcp-servers";
import { workspaceProvider } from "@/lib/workspaces/provider";
import { launchRun } from "./execute";
import { runtime } from "./runtime";
import type { StartRunBody } from "./schemas";

const TERMINAL = ["succeeded", "failed", "cancelled", "budget_exceeded", "interrupted"];

export function isTerminalStatus(status: string): boolean {
  return TERMINAL.includes(status);
}

/** 32-bit FNV-1a: a stable simulator seed per run, so a run replays the same way. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Starts a run of a stored graph. The document is snapshotted into the run, so later edits
 * never change it; a graph with problems (saved while being built) answers 422 listing them
 * and starts nothing. `variant` runs a changed copy of the stored document instead (an
 * experiment's tiers); it is validated the same way and still recorded as a run of the graph.
 */
export async function startRun(
  workspaceId: string,
  graphId: string,
  body: StartRunBody,
  modelClient?: ModelClient,
  variant?: (graph: GraphDocument) => GraphDocument,
): Promise<{ id: string; status: string }> {
  const stored = await getGraph(workspaceId, graphId);
  const graph = requireRunnableGraph(variant ? variant(stored.graph) : stored.graph, await workspaceToolNames(workspaceId));
  const { provider, catalog, simulated } = await workspaceProvider(workspaceId);
  const [mcp, httpTools] = await Promise.all([workspaceMcpServers(workspaceId), workspaceHttpTools(workspaceId)]);
  const budgetNanoUsd = body.budgetUsd === undefined ? null : Math.round(body.budgetUsd * NANO_PER_USD);
  const run = await db.run.create({
    data: {
      workspaceId,
      graphId,
      graphName: stored.name,
      graphSnapshot: graph as object,
      input: body.input,
      status: "running",
      simulated: modelClient?.simulated ?? simulated,
      budgetNanoUsd,
      startedAt: new Date(),
    },
  });
  launchRun({
    runId: run.id,
    graph,
    input: body.input,
    catalog,
    provider,
    budgetNanoUsd,
    simulation: { speed: body.simulation?.speed ?? simSpeedFromEnv(), seed: body.simulation?.seed ?? seedOf(run.id) },
    modelClient,
    mcp,
    httpTools,
  });
  return { id: run.id, status: run.status };
}

/** Resolves when a run executing in this process has ended and its outcome is stored. */
export async function runFinished(runId: string): Promise<void> {
  await runtime.active.get(runId)?.done;
}

/** Cancels a running run: in-flight model and tool calls are aborted, and it ends `cancelled`. */
export async function cancelRun(workspaceId: string, runId: string): Promise<{ id: string; status: string }> {
  const run = await db.run.findFirst({ where: { id: runId, workspaceId }, select: { status: true } });
  if (!run) throw AppError.notFound("Run");
  if (isTerminalStatus(run.status)) {
    throw new AppError("conflict", `This run already ended (${run.status.replace("_", " ")}).`);
  }
  const active = runtime.active.get(runId);
  if (active) {
    active.controller.abort(new Error("Cancelled by the user."));
    await active.done;
  } else {
    // Nobody in this process is running it (it was left by another process): end it here.
    await db.run.update({ where: { id: runId }, data: { status: "cancelled", endedAt: new Date() } });
  }
  const after = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
  return { id: runId, status: after.status };
}

/**
 * At start-up: runs left `running` by a process that died can never finish, so they are
 * marked `interrupted` instead of spinning forever.
 */
export async function markInterruptedRuns(): Promise<number> {
  const { count } = await db.run.updateMany({
    where: { status: { in: ["queued", "running"] } },
    data: { status: "interrupted", error: "The server stopped while this run was going.", endedAt: new Date() },
  });
  return count;
}
