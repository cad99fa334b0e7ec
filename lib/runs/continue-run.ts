import { db } from "@/lib/db";
import { errorMessage } from "@/lib/engine/errors";
import { isFinalEvent } from "@/lib/engine/events";
import { readStoredGraph } from "@/lib/graphs/stored-document";
import { graphChecksOf, requireRunnableGraph, type GraphChecks } from "@/lib/graphs/validation";
import { simSpeedFromEnv } from "@/lib/models";
import { loadWorkspaceRunResources } from "@/lib/workspaces/run-resources";
import { readRunEvents } from "./event-store";
import { launchRun } from "./execute";
import type { InProcessOptions } from "./queue";
import { seedOf, workspaceRunContext } from "./run-context";
import type { ClaimedRun } from "./run-store";

/** Ends a run that cannot go on, saying why. */
export async function markInterrupted(runId: string, reason: string): Promise<void> {
  await db.run.update({ where: { id: runId }, data: { status: "interrupted", error: reason, endedAt: new Date(), ownerId: null, leaseExpiresAt: null } });
}

/** A run's snapshot, read and checked again: this process may run other code than the one that stored it. */
async function snapshotGraph(runId: string, checks: GraphChecks) {
  const { graphSnapshot } = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { graphSnapshot: true } });
  return requireRunnableGraph(readStoredGraph(graphSnapshot, { kind: "run", id: runId }), checks);
}

/** The simulator settings a run was started with; runs from before they were stored use this process's. */
function storedSimulation(value: unknown, runId: string): { speed: number; seed: number } {
  const stored = (value ?? {}) as { speed?: unknown; seed?: unknown };
  return {
    speed: typeof stored.speed === "number" ? stored.speed : simSpeedFromEnv(),
    seed: typeof stored.seed === "number" ? stored.seed : seedOf(runId),
  };
}

/**
 * Continues a run this process has claimed (`run`: what the claim read), from its stored events:
 * finished instances keep their results, spend carries over, numbering continues. A run that
 * cannot resume (its snapshot no longer validates) ends `interrupted`, saying why. Answers what
 * the run is now.
 */
export async function continueRun(runId: string, run: ClaimedRun, inProcess: InProcessOptions = {}): Promise<"running" | "interrupted"> {
  const resources = inProcess.workspace ?? (await loadWorkspaceRunResources(run.workspaceId));
  let graph = inProcess.graph;
  try {
    graph ??= await snapshotGraph(runId, graphChecksOf(resources));
  } catch (error) {
    await markInterrupted(runId, `This run cannot resume: ${errorMessage(error)}`);
    return "interrupted";
  }
  let stored = run.lastSeq === 0 ? [] : await readRunEvents(runId, 0, Number.MAX_SAFE_INTEGER);
  const last = stored.at(-1);
  // The server died between storing the final event and the outcome: no viewer saw that event
  // (it goes out only after the outcome), so it is dropped and the run ends again from its log.
  if (last && isFinalEvent(last)) {
    await db.runEvent.delete({ where: { runId_seq: { runId, seq: last.seq } } });
    stored = stored.slice(0, -1);
  }
  const documentIds = Array.isArray(run.documents) ? run.documents.filter((id): id is string => typeof id === "string") : [];
  const { provider, providerLabel, providers, catalog, mcp, httpTools, documents, attachments } = await workspaceRunContext(run.workspaceId, resources, documentIds);
  launchRun({
    runId,
    graph,
    input: run.input,
    catalog,
    provider,
    providerLabel,
    providers,
    budgetNanoUsd: run.budgetNanoUsd,
    simulation: storedSimulation(run.simulation, runId),
    modelClient: inProcess.modelClient,
    mcp,
    httpTools,
    documents,
    attachments,
    stored,
  });
  return "running";
}

