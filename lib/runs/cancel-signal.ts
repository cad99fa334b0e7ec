import { sharedRedis } from "@/lib/db/redis";

const CANCELS = "tierflow:run-cancel";

/**
 * Tells the process executing a run, wherever it is, to cancel it now (Redis pub/sub). Without
 * Redis, or if the message is lost, the owner still sees the run's `cancelRequested` flag on
 * its next lease heartbeat.
 */
export async function announceCancel(runId: string): Promise<void> {
  await sharedRedis()?.publish(CANCELS, runId);
}

/** Calls `onCancel` with every run id any process asks to cancel; answers how to stop listening. */
export function listenForCancels(onCancel: (runId: string) => void): () => void {
  const redis = sharedRedis();
  if (!redis) return () => {};
  const subscriber = redis.duplicate();
  subscriber.on("message", (_channel: string, runId: string) => onCancel(runId));
  subscriber.subscribe(CANCELS).catch((error: unknown) => console.error("Could not listen for run cancels on Redis:", error));
  return () => subscriber.disconnect();
}
