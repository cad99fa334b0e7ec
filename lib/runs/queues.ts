import { LocalRunQueue } from "./local-queue";
import type { RunQueue } from "./queue";
import { executorFor } from "./runner";

const globalForQueue = globalThis as unknown as { tierflowRunQueue?: RunQueue };

/** This process's run queue (one for every route bundle, like the runtime). */
export function runQueue(): RunQueue {
  return (globalForQueue.tierflowRunQueue ??= new LocalRunQueue((inProcess) => executorFor(inProcess)));
}
