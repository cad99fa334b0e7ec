import { createServer, type Server } from "node:http";
import { DelayedError, Queue, Worker, type Job } from "bullmq";
import { db } from "@/lib/db";
import { sharedRedis } from "@/lib/db/redis";
import { bullConnection, RUN_JOB_OPTIONS, RUN_QUEUE_NAME } from "./bull-queue";
import { listenForCancels } from "./cancel-signal";
import { expiredLease, leaseMs } from "./ownership";
import type { QueuedRun } from "./queue";
import { startRunHeartbeat } from "./heartbeat";
import { executeRun } from "./resume";
import { runtime } from "./runtime";
import { drainRuns } from "./shutdown";
import { workspaceRunCap, WorkspaceSlots } from "./workspace-slots";

/** Runs one worker process executes at once (`TIERFLOW_WORKER_CONCURRENCY`, default 10). */
export function workerConcurrency(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.TIERFLOW_WORKER_CONCURRENCY;
  if (raw === undefined || raw.trim() === "") return 10;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`TIERFLOW_WORKER_CONCURRENCY must be a positive whole number (got "${raw}").`);
  return value;
}

/** How often a run waiting for a workspace slot looks again. */
const SLOT_RETRY_MS = 250;
/** Past a lease's expiry before looking again, so the clocks of two processes need not agree to the millisecond. */
const LEASE_MARGIN_MS = 250;

export interface RunWorker {
  /** Stops taking jobs, lets in-flight runs finish for the grace period, checkpoints the rest and hands their jobs back. */
  close(graceMs?: number): Promise<void>;
  /** Runs this worker executes now. */
  executing(): number;
}

/**
 * A BullMQ worker executing runs (`npm run worker`). A job is one run: it claims the run
 * through its lease (`executeRun`) and ends when the run stops executing here for any reason
 * (it ended, it waits for a person, or this process shuts down).
 *
 * A worker that dies (kill -9) stops renewing both its BullMQ locks and its run leases, which
 * last equally long (`TIERFLOW_RUN_LEASE_S`): another worker's stalled check puts the jobs back,
 * and the worker taking one claims the run once the lease has expired, waiting (the job
 * delayed, not failed) while it has not. The durable resume then restores finished instances
 * from the stored events, so nothing is done twice.
 */
export function startRunWorker(url: string, concurrency = workerConcurrency()): RunWorker {
  const redis = sharedRedis();
  if (!redis) throw new Error("A run worker needs REDIS_URL.");
  const lease = leaseMs();
  const slots = new WorkspaceSlots(redis, workspaceRunCap(), lease);
  const holding = new Map<string, string>();
  const queue = new Queue<QueuedRun>(RUN_QUEUE_NAME, { connection: bullConnection(url), defaultJobOptions: RUN_JOB_OPTIONS });
  queue.on("error", (error) => console.error("Run queue (Redis):", error.message));

  async function later(job: Job<QueuedRun>, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(0, ms), token);
    throw new DelayedError();
  }

  async function processRun(job: Job<QueuedRun>, token?: string): Promise<string> {
    const { runId, workspaceId } = job.data;
    for (;;) {
      if (runtime.draining) return later(job, token, 0);
      const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, leaseExpiresAt: true } });
      // Ended, cancelled while waiting, or paused for a person: nothing to execute.
      if (!run || (run.status !== "queued" && run.status !== "running")) return run?.status ?? "gone";
      if (!(await slots.take(workspaceId, runId))) return later(job, token, SLOT_RETRY_MS);
      holding.set(runId, workspaceId);
      try {
        if (!(await executeRun(runId))) {
          // Another process holds the run's lease (a worker that died and whose lease still runs).
          const now = await db.run.findUnique({ where: { id: runId }, select: { status: true, leaseExpiresAt: true } });
          if (now?.status === "running") return await later(job, token, (now.leaseExpiresAt?.getTime() ?? Date.now()) - Date.now() + LEASE_MARGIN_MS);
          continue;
        }
        await runtime.active.get(runId)?.done;
      } finally {
        holding.delete(runId);
        await slots.release(workspaceId, runId);
      }
      const after = await db.run.findUnique({ where: { id: runId }, select: { status: true, ownerId: true } });
      // Checkpointed for a shutdown (running, lease given up): the next worker resumes it.
      if (after?.status === "running" && after.ownerId === null) return later(job, token, 0);
      // Queued again already (a decision came in before this job ended): execute it now.
      if (after?.status !== "queued") return after?.status ?? "gone";
    }
  }

  const worker = new Worker<QueuedRun, string>(RUN_QUEUE_NAME, processRun, {
    connection: bullConnection(url),
    concurrency,
    // The BullMQ lock and the run lease expire together; a stalled job comes back at once and
    // waits out at most the rest of the lease (see `later`).
    lockDuration: lease,
    stalledInterval: Math.max(1_000, Math.round(lease / 2)),
    // A job stalls once per dead worker; it must never fail for that.
    maxStalledCount: 1_000,
  });
  worker.on("error", (error) => console.error("Run worker (Redis):", error.message));
  worker.on("failed", (job, error) => console.error(`Run job ${job?.id ?? "?"} failed: ${error.message}`));

  const stopListening = listenForCancels((runId) => runtime.active.get(runId)?.controller.abort(new Error("Cancelled by the user.")));
  startRunHeartbeat(async () => {
    await slots.renew([...holding].map(([runId, workspaceId]) => ({ runId, workspaceId })));
    await requeueOrphans(queue);
  });

  return {
    executing: () => runtime.active.size,
    async close(graceMs?: number) {
      stopListening();
      // worker.close() waits for the jobs in flight, which end once drainRuns has stopped their runs.
      await Promise.all([worker.close(), drainRuns(graceMs)]);
      await queue.close();
    },
  };
}

/**
 * Puts back on the queue runs that have no live owner and may have lost their job (Redis
 * flushed, a web process that died between storing a run and adding it). A run whose job still
 * exists is left alone: the job id is the run id, so adding it again does nothing.
 */
async function requeueOrphans(queue: Queue<QueuedRun>): Promise<void> {
  const stale = new Date(Date.now() - leaseMs());
  const orphans = await db.run.findMany({
    where: { OR: [{ status: "running", ...expiredLease() }, { status: "queued", createdAt: { lt: stale } }] },
    select: { id: true, workspaceId: true },
    take: 500,
  });
  for (const run of orphans) {
    if (!runtime.active.has(run.id)) await queue.add("run", { runId: run.id, workspaceId: run.workspaceId }, { jobId: run.id });
  }
}

/** A tiny HTTP health check for a worker (compose, orchestrators): 200 while it takes jobs and reaches the database. */
export function serveWorkerHealth(port: number, worker: RunWorker): Server {
  const server = createServer((_request, response) => {
    void db.$queryRawUnsafe("SELECT 1")
      .then(() => sharedRedis()?.ping())
      .then(() => response.writeHead(runtime.draining ? 503 : 200, { "content-type": "application/json" }).end(JSON.stringify({ ok: !runtime.draining, executing: worker.executing() })))
      .catch(() => response.writeHead(503).end(JSON.stringify({ ok: false })));
  });
  server.listen(port, "0.0.0.0");
  return server;
}
