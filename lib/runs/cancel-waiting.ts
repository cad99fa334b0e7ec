import { db } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { AppError } from "@/lib/errors";
import { ZERO_USAGE, type Usage } from "@/lib/models/cost";
import { ownLease } from "./ownership";
import { storeEventBatch } from "./run-store";

/**
 * Cancels a run waiting at approval steps. No process holds it, so this one claims it and stores
 * the `run.cancelled` that closes its log (with the spend so far), as the engine would have.
 */
export async function cancelWaitingRun(runId: string): Promise<{ id: string; status: string }> {
  const endedAt = new Date();
  // Owned for the moment it takes: only a run's owner writes its log (the writes are fenced by the lease).
  const claimed = await db.run.updateMany({ where: { id: runId, status: "waiting" }, data: { status: "running", approvalDeadline: null, ...ownLease() } });
  if (claimed.count !== 1) throw new AppError("conflict", "This run is not waiting any more; cancel it again.");
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  const event: RunEvent = {
    type: "run.cancelled",
    runId,
    seq: run.lastSeq + 1,
    ts: endedAt.getTime(),
    usage: (run.usage as Usage | null) ?? { ...ZERO_USAGE },
    costNanoUsd: run.costNanoUsd,
    baselineNanoUsd: run.baselineNanoUsd,
    costComplete: run.costComplete,
    durationMs: run.startedAt ? endedAt.getTime() - run.startedAt.getTime() : 0,
  };
  await storeEventBatch(runId, [event], null);
  await db.run.update({ where: { id: runId }, data: { status: "cancelled", error: "The run was cancelled", endedAt, ownerId: null, leaseExpiresAt: null } });
  // As the run summary closes nodes on a final event: the gates were cut off, what never ran is skipped.
  await db.runNode.updateMany({ where: { runId, status: "awaiting_approval" }, data: { status: "cancelled" } });
  await db.runNode.updateMany({ where: { runId, status: "waiting" }, data: { status: "skipped" } });
  return { id: runId, status: "cancelled" };
}
