import { db } from "@/lib/db";
import { expiredLease, leaseMs, renewLeases } from "./ownership";
import { runQueue } from "./queues";
import { autoResumeEnabled, interruptOrphan } from "./resume";
import { runtime } from "./runtime";

/**
 * Takes over every run whose owner stopped renewing its lease: puts it back in the queue
 * (`queued`, like a new run: it resumes from its log when admitted), or with automatic resume
 * off marks it `interrupted`. Runs another live process owns are left alone.
 */
export async function takeOverExpiredRuns(): Promise<number> {
  if (runtime.draining) return 0;
  const orphans = await db.run.findMany({ where: { status: "running", ...expiredLease() }, orderBy: { createdAt: "asc" }, select: { id: true, workspaceId: true } });
  let taken = 0;
  for (const { id, workspaceId } of orphans) {
    if (runtime.active.has(id)) continue;
    if (!autoResumeEnabled()) {
      if (await interruptOrphan(id)) taken++;
      continue;
    }
    const { count } = await db.run.updateMany({ where: { id, status: "running", ...expiredLease() }, data: { status: "queued", ownerId: null, leaseExpiresAt: null } });
    if (count === 0) continue;
    taken++;
    await runQueue().enqueue({ runId: id, workspaceId });
  }
  return taken;
}

/** Admits again the runs left `queued` (the queue's durable record), oldest first. Answers how many. */
export async function admitQueuedRuns(): Promise<number> {
  if (runtime.draining) return 0;
  const queued = await db.run.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true, workspaceId: true } });
  // Not awaited one by one: the queue decides each admission synchronously, in this order.
  await Promise.all(queued.map(({ id, workspaceId }) => runQueue().enqueue({ runId: id, workspaceId })));
  return queued.length;
}

/** Starts this process's lease heartbeat (once): renew owned runs, honour cancels, take over orphans. */
export function startRunHeartbeat(): void {
  if (runtime.heartbeat) return;
  runtime.heartbeat = setInterval(() => {
    void renewLeases()
      .then(takeOverExpiredRuns)
      .catch((error: unknown) => console.error("Run heartbeat failed:", error));
  }, leaseMs() / 3);
  runtime.heartbeat.unref();
}
