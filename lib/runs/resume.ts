import { continueRun, markInterrupted } from "./continue-run";
import type { InProcessOptions } from "./queue";
import { claimRun } from "./run-store";
import { runtime } from "./runtime";

/** Whether runs left behind by a stopped server resume on their own (`TIERFLOW_RESUME=off` turns it off). */
export function autoResumeEnabled(): boolean {
  return process.env.TIERFLOW_RESUME?.trim().toLowerCase() !== "off";
}

/**
 * Executes a run in this process, whether it was just started or is picked up again: claims
 * it through its lease (`claimRun`) and runs it from its stored events (none, for a fresh
 * start). Answers false when it is not this process's to run (another process holds it, or it ended).
 */
export async function executeRun(runId: string, inProcess: InProcessOptions = {}): Promise<boolean> {
  if (runtime.active.has(runId)) return false;
  const run = await claimRun(runId);
  if (!run) return false;
  await continueRun(runId, run, inProcess);
  return true;
}

/** With automatic resume off: marks a run nobody holds `interrupted`, to be resumed by hand. Answers whether it took it. */
export async function interruptOrphan(runId: string): Promise<boolean> {
  if (runtime.active.has(runId) || !(await claimRun(runId))) return false;
  await markInterrupted(runId, "The server stopped while this run was going, and automatic resume is off (TIERFLOW_RESUME=off). Resume it to continue.");
  return true;
}
