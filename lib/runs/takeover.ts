import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { expiredLease } from "./ownership";
import { runQueue } from "./queues";
import { autoResumeEnabled, interruptOrphan } from "./resume";
import { requireAcceptingRuns } from "./run-context";
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

/**
 * POST /runs/:id/resume: hands a run nobody is executing (left running by a stopped server, or
 * interrupted) back to the queue, which resumes it from its log wherever runs execute.
 */
export async function resumeRun(workspaceId: string, runId: string): Promise<{ id: string; status: string }> {
  requireAcceptingRuns();
  const run = await db.run.findFirst({ where: { id: runId, workspaceId }, select: { status: true } });
  if (!run) throw AppError.notFound("Run");
  if (run.status === "waiting") throw new AppError("conflict", "This run waits for a person at an approval step: decide it to go on.");
  if (run.status !== "running" && run.status !== "interrupted") {
    throw new AppError("conflict", `This run already ended (${run.status.replace("_", " ")}); only a running or interrupted run resumes.`);
  }
  const { count } = runtime.active.has(runId)
    ? { count: 0 }
    : await db.run.updateMany({
        where: { id: runId, OR: [{ status: "running", ...expiredLease() }, { status: "interrupted" }] },
        data: { status: "queued", error: null, endedAt: null, cancelRequested: false, ownerId: null, leaseExpiresAt: null },
      });
  if (count !== 1) throw new AppError("conflict", "This run is being executed by a live server.");
  return { id: runId, status: await runQueue().enqueue({ runId, workspaceId }) };
}
