import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { continueRun, markInterrupted } from "./continue-run";
import { expiredLease, ownLease } from "./ownership";
import type { InProcessOptions } from "./queue";
import { runtime } from "./runtime";
import { requireAcceptingRuns } from "./run-context";

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
  if (run.status === "waiting") throw new AppError("conflict", "This run waits for a person at an approval step: decide it to go on.");
  if (run.status !== "running" && run.status !== "interrupted") {
    throw new AppError("conflict", `This run already ended (${run.status.replace("_", " ")}); only a running or interrupted run resumes.`);
  }
  if (runtime.active.has(runId) || !(await claim(runId, true))) throw new AppError("conflict", "This run is being executed by a live server.");
  // Not read back from the database: a fast run may already have ended by then.
  return { id: runId, status: await continueRun(runId) };
}

/**
 * Takes over every run whose owner stopped renewing its lease: resumes it, or with automatic
 * resume off marks it `interrupted`. Runs another live process owns are left alone.
 */
export async function takeOverExpiredRuns(): Promise<number> {
  if (runtime.draining) return 0;
  const orphans = await db.run.findMany({ where: { status: "running", ...expiredLease() }, select: { id: true } });
  let taken = 0;
  for (const { id } of orphans) {
    if (runtime.active.has(id) || !(await claim(id, false))) continue;
    taken++;
    if (autoResumeEnabled()) await continueRun(id);
    else await markInterrupted(id, "The server stopped while this run was going, and automatic resume is off (TIERFLOW_RESUME=off). Resume it to continue.");
  }
  return taken;
}
