import { db } from "@/lib/db";
import { errorMessage } from "@/lib/engine/errors";
import { isFinalEvent } from "@/lib/engine/events";
import { readStoredGraph } from "@/lib/graphs/stored-document";
import { requireRunnableGraph, workspaceGraphChecks } from "@/lib/graphs/validation";
import { AppError } from "@/lib/errors";
import { simSpeedFromEnv } from "@/lib/models";
import { readRunEvents } from "./event-store";
import type { InProcessOptions } from "./queue";
import { launchRun } from "./execute";
import { expiredLease, ownLease } from "./ownership";
import { runtime } from "./runtime";
import { requireAcceptingRuns, seedOf, workspaceRunContext } from "./run-context";

/** Whether runs left behind by a stopped server resume on their own (`TIERFLOW_RESUME=off` turns it off). */
export function autoResumeEnabled(): boolean {
  return process.env.TIERFLOW_RESUME?.trim().toLowerCase() !== "off";
}

/**
 * Takes a run for this process if nobody holds it: `queued`, `running` with an expired lease,
 * or (when asked) `interrupted`. The lease makes it this process's until it ends or stalls.
 */
async function claim(runId: string, allowInterrupted: boolean): Promise<boolean> {
  const { count } = await db.run.updateMany({
    where: { id: runId, OR: [{ status: "queued" }, { status: "running", ...expiredLease() }, ...(allowInterrupted ? [{ status: "interrupted" }] : [])] },
    data: { status: "running", error: null, endedAt: null, cancelRequested: false, ...ownLease() },
  });
  return count === 1;
}

async function markInterrupted(runId: string, reason: string): Promise<void> {
  await db.run.update({ where: { id: runId }, data: { status: "interrupted", error: reason, endedAt: new Date(), ownerId: null, leaseExpiresAt: null } });
}

/**
 * Continues a run this process has claimed, from its stored events: finished instances keep
 * their results, spend carries over, numbering continues. A run that cannot resume (its
 * snapshot no longer validates) ends `interrupted`, saying why. Answers what the run is now.
 */
async function continueRun(runId: string, inProcess: InProcessOptions = {}): Promise<"running" | "interrupted"> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  if (!run.startedAt) await db.run.update({ where: { id: runId }, data: { startedAt: new Date() } });
  let graph;
  try {
    graph = requireRunnableGraph(readStoredGraph(run.graphSnapshot, { kind: "run", id: run.id }), await workspaceGraphChecks(run.workspaceId));
  } catch (error) {
    await markInterrupted(runId, `This run cannot resume: ${errorMessage(error)}`);
    return "interrupted";
  }
  let stored = await readRunEvents(runId, 0, Number.MAX_SAFE_INTEGER);
  const last = stored.at(-1);
  // The server died between storing the final event and the outcome: no viewer saw that event
  // (it goes out only after the outcome), so it is dropped and the run ends again from its log.
  if (last && isFinalEvent(last)) {
    await db.runEvent.delete({ where: { runId_seq: { runId, seq: last.seq } } });
    stored = stored.slice(0, -1);
  }
  const documentIds = Array.isArray(run.documents) ? run.documents.filter((id): id is string => typeof id === "string") : [];
  const { provider, providerLabel, providers, catalog, mcp, httpTools, documents, attachments } = await workspaceRunContext(run.workspaceId, documentIds);
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

/** The simulator settings a run was started with; runs from before they were stored use this process's. */
function storedSimulation(value: unknown, runId: string): { speed: number; seed: number } {
  const stored = (value ?? {}) as { speed?: unknown; seed?: unknown };
  return {
    speed: typeof stored.speed === "number" ? stored.speed : simSpeedFromEnv(),
    seed: typeof stored.seed === "number" ? stored.seed : seedOf(runId),
  };
}

/**
 * Executes a run in this process, whether it was just started or is picked up again: claims
 * it through its lease and runs it from its stored events (none, for a fresh start). Answers
 * false when it is not this process's to run (another process holds it, or it ended).
 */
export async function executeRun(runId: string, inProcess: InProcessOptions = {}): Promise<boolean> {
  if (runtime.active.has(runId) || !(await claim(runId, false))) return false;
  await continueRun(runId, inProcess);
  return true;
}

/** POST /runs/:id/resume: continues a run nobody is executing (left running by a stopped server, or interrupted). */
export async function resumeRun(workspaceId: string, runId: string): Promise<{ id: string; status: string }> {
  requireAcceptingRuns();
  const run = await db.run.findFirst({ where: { id: runId, workspaceId }, select: { status: true } });
  if (!run) throw AppError.notFound("Run");
  if (run.status !== "running" && run.status !== "interrupted") {
    throw new AppError("conflict", `This run already ended (${run.status.replace("_", " ")}); only a running or interrupted run resumes.`);
  }
  if (runtime.active.has(runId) || !(await claim(runId, true))) throw new AppError("conflict", "This run is being executed by a live server.");
  // Not read back from the database: a fast run may already have ended by then.
  return { id: runId, status: await continueRun(runId) };
}

/** With automatic resume off: marks a run nobody holds `interrupted`, to be resumed by hand. Answers whether it took it. */
export async function interruptOrphan(runId: string): Promise<boolean> {
  if (runtime.active.has(runId) || !(await claim(runId, false))) return false;
  await markInterrupted(runId, "The server stopped while this run was going, and automatic resume is off (TIERFLOW_RESUME=off). Resume it to continue.");
  return true;
}
