import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { AppError } from "@/lib/errors";
import type { InProcessOptions, QueuedRun, RunQueue } from "./queue";

/** The BullMQ queue every web process adds runs to and every `npm run worker` takes them from. */
export const RUN_QUEUE_NAME = "tierflow-runs";

/** BullMQ's connection for a Redis URL (its blocking reads need `maxRetriesPerRequest: null`). */
export function bullConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}

/**
 * Every run is one job whose id is the run id, so a run is never queued twice: adding it
 * again while its job exists (waiting, delayed, active or stalled) is a no-op. A finished job
 * is removed, so a run that pauses (waiting for a person) can be added again later. Failures
 * the worker cannot place (Redis or the database down) retry with a back-off.
 */
export const RUN_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { age: 24 * 60 * 60 },
  attempts: 10,
  backoff: { type: "exponential", delay: 1_000 },
};

/**
 * The run queue on BullMQ (with `REDIS_URL`): web processes only add runs; `npm run worker`
 * processes (worker.ts) execute them. Counts are the whole deployment's.
 */
export class BullRunQueue implements RunQueue {
  private readonly queue: Queue;

  constructor(url: string) {
    this.queue = new Queue(RUN_QUEUE_NAME, { connection: bullConnection(url), defaultJobOptions: RUN_JOB_OPTIONS });
    // Without a listener an unreachable Redis would crash the process; enqueue still fails loudly.
    this.queue.on("error", (error) => console.error("Run queue (Redis):", error.message));
  }

  async enqueue(run: QueuedRun, inProcess: InProcessOptions = {}): Promise<"queued" | "running"> {
    if (inProcess.modelClient) {
      throw new AppError(
        "unprocessable",
        "A ready model client cannot be handed to a worker process: with REDIS_URL set, runs execute in `npm run worker` processes with the workspace's provider. Start this run without one, or run it on the embedded queue (TIERFLOW_QUEUE=embedded).",
      );
    }
    await this.queue.add("run", run, { jobId: run.runId });
    return "queued";
  }

  async withdraw(runId: string): Promise<boolean> {
    // A job a worker holds is locked and stays; the worker then finds the run ended and lets it go.
    return (await this.queue.remove(runId)) === 1;
  }

  async counts(): Promise<{ waiting: number; active: number }> {
    const counts = await this.queue.getJobCounts("waiting", "prioritized", "delayed", "active");
    return { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0), active: counts.active ?? 0 };
  }

  /** Closes the connection (tests, workers shutting down). */
  async close(): Promise<void> {
    await this.queue.close();
  }
}
