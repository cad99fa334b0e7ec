import { db } from "@/lib/db";
import { runtime, SHUTDOWN } from "./runtime";

/**
 * How long a run's owner may go without renewing its lease before another process takes the
 * run over (`TIERFLOW_RUN_LEASE_S`, default 15 s). The owner renews every third of it.
 */
export function leaseMs(): number {
  const seconds = Number(process.env.TIERFLOW_RUN_LEASE_S);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 15) * 1000;
}

/** The columns that make this process a run's owner from now on. */
export function ownLease(now = Date.now()): { ownerId: string; leaseExpiresAt: Date } {
  return { ownerId: runtime.ownerId, leaseExpiresAt: new Date(now + leaseMs()) };
}

/** A lease nobody holds any more: never taken, or not renewed in time. */
export function expiredLease(now = Date.now()) {
  return { OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: new Date(now) } }] };
}

/** Gives a run up at once (shutdown): the next process takes it over without waiting for the lease. */
export async function releaseLease(runId: string): Promise<void> {
  await db.run.updateMany({ where: { id: runId, ownerId: runtime.ownerId }, data: { ownerId: null, leaseExpiresAt: null } });
}

/**
 * One heartbeat for the runs this process executes: renews their leases, stops those a cancel
 * from any process asked to stop (processes share only the database), and lets go of those
 * another process took over (this one stalled past its lease), so a run never has two owners.
 */
export async function renewLeases(): Promise<void> {
  const ids = [...runtime.active.keys()];
  if (ids.length === 0) return;
  await db.run.updateMany({ where: { id: { in: ids }, ownerId: runtime.ownerId }, data: ownLease() });
  const cancelled = await db.run.findMany({ where: { id: { in: ids }, cancelRequested: true }, select: { id: true } });
  for (const { id } of cancelled) runtime.active.get(id)?.controller.abort(new Error("Cancelled by the user."));
  const lost = await db.run.findMany({ where: { id: { in: ids }, AND: [{ ownerId: { not: null } }, { ownerId: { not: runtime.ownerId } }] }, select: { id: true } });
  for (const { id } of lost) runtime.active.get(id)?.controller.abort(SHUTDOWN);
}
