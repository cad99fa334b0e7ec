import { redisUrl } from "@/lib/db/redis";
import { BullRunQueue } from "./bull-queue";
import { LocalRunQueue } from "./local-queue";
import type { RunQueue } from "./queue";
import { executorFor } from "./runner";

const globalForQueue = globalThis as unknown as { tierflowRunQueue?: RunQueue };

/**
 * Which queue runs go on: BullMQ when `REDIS_URL` is set (web processes only serve, `npm run
 * worker` processes execute), the embedded one otherwise or with `TIERFLOW_QUEUE=embedded`
 * (runs execute in the web process while events still travel through Redis).
 */
export function queueKind(env: NodeJS.ProcessEnv = process.env): "embedded" | "bullmq" {
  return redisUrl(env) && env.TIERFLOW_QUEUE?.trim().toLowerCase() !== "embedded" ? "bullmq" : "embedded";
}

/** This process's run queue (one for every route bundle, like the runtime). */
export function runQueue(): RunQueue {
  return (globalForQueue.tierflowRunQueue ??= queueKind() === "bullmq" ? new BullRunQueue(redisUrl()!) : new LocalRunQueue((inProcess) => executorFor(inProcess)));
}
