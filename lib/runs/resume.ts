import { db } from "@/lib/db";
import { continueRun, markInterrupted } from "./continue-run";
import { expiredLease, ownLease } from "./ownership";
import type { InProcessOptions } from "./queue";
import { runtime } from "./runtime";

/** Whether runs left behind by a stopped server resume on their own (`TIERFLOW_RESUME=off` turns it off). */
export function autoResumeEnabled(): boolean {
  return process.env.TIERFLOW_RESUME?.trim().toLowerCase() !== "off";
}

/**
 * Takes a run for this process if nobody holds it: `queued`, or `running` with an expired lease.
 * The lease makes it this process's until it ends or stalls.
 */
async function claim(runId: string): Promise<boolean> {
  const { count } = await db.run.updateMany({
    where: { id: runId, OR: [{ status: "queued" }, { status: "running", ...expiredLease() }] },
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
  if (runtime.active.has(runId) || !(await claim(runId))) return false;
  await continueRun(runId, inProcess);
  return true;
}

/** With automatic resume off: marks a run nobody holds `interrupted`, to be resumed by hand. Answers whether it took it. */
export async function interruptOrphan(runId: string): Promise<boolean> {
  if (runtime.active.has(runId) || !(await claim(runId))) return false;
  await markInterrupted(runId, "The server stopped while this run was going, and automatic resume is off (TIERFLOW_RESUME=off). Resume it to continue.");
  return true;
}
