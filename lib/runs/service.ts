import { db } from "@/lib/db";
import { createDocumentReader, documentManifest } from "@/lib/documents";
import { AppError } from "@/lib/errors";
import type { GraphDocument } from "@/lib/graph";
import { getGraph } from "@/lib/graphs/service";
import { requireRunnableGraph, workspaceGraphChecks } from "@/lib/graphs/validation";
import { NANO_PER_USD, simSpeedFromEnv, type ModelClient } from "@/lib/models";
import { workspaceHttpTools } from "@/lib/workspaces/http-tools";
import { workspaceMcpServers } from "@/lib/workspaces/mcp-servers";
import { workspaceProvider } from "@/lib/workspaces/provider";
import { cancelWaitingRun } from "./cancel-waiting";
import { launchRun } from "./execute";
import { expiredLease, leaseMs, ownLease } from "./ownership";
import { runtime } from "./runtime";
import type { StartRunBody } from "./schemas";

const TERMINAL = ["succeeded", "failed", "cancelled", "budget_exceeded", "interrupted"];

export function isTerminalStatus(status: string): boolean {
  return TERMINAL.includes(status);
}

/** 32-bit FNV-1a: a stable simulator seed per run, so a run replays the same way. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Refuses new work while this process shuts down: the client retries on the next one. */
export function requireAcceptingRuns(): void {
  if (runtime.draining) throw new AppError("unavailable", "The server is shutting down; try again in a moment.");
}

/** What a run of this workspace executes with: its provider, models, tools and attached documents. */
export async function workspaceRunContext(workspaceId: string, documentIds: readonly string[] = []) {
  const { provider, providerLabel, providers, catalog, simulated } = await workspaceProvider(workspaceId);
  const [mcp, httpTools] = await Promise.all([workspaceMcpServers(workspaceId), workspaceHttpTools(workspaceId)]);
  const documents = documentIds.length > 0 ? await createDocumentReader(workspaceId, documentIds) : undefined;
  const attachments = documents ? documentManifest(await documents.list()) : undefined;
  return { provider, providerLabel, providers, catalog, simulated, mcp, httpTools, documents, attachments };
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
  requireAcceptingRuns();
  const stored = await getGraph(workspaceId, graphId);
  const graph = requireRunnableGraph(variant ? variant(stored.graph) : stored.graph, await workspaceGraphChecks(workspaceId));
  // Checked against the workspace before the run exists: a foreign collection id answers 404.
  const documentIds = body.documents ?? [];
  const { provider, providerLabel, providers, catalog, simulated, mcp, httpTools, documents, attachments } = await workspaceRunContext(workspaceId, documentIds);
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
      documents: documentIds.length > 0 ? [...new Set(documentIds)] : undefined,
      startedAt: new Date(),
      ...ownLease(),
    },
  });
  launchRun({
    runId: run.id,
    graph,
    input: body.input,
    catalog,
    provider,
    providerLabel,
    providers,
    budgetNanoUsd,
    simulation: { speed: body.simulation?.speed ?? simSpeedFromEnv(), seed: body.simulation?.seed ?? seedOf(run.id) },
    modelClient,
    mcp,
    httpTools,
    documents,
    attachments,
  });
  return { id: run.id, status: run.status };
}

/** Resolves when a run executing in this process has ended and its outcome is stored. */
export async function runFinished(runId: string): Promise<void> {
  await runtime.active.get(runId)?.done;
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
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
