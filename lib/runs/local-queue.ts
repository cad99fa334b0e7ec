import { executeRun } from "./resume";
import { runtime } from "./runtime";
import type { InProcessOptions, QueuedRun, RunQueue } from "./queue";

/** The embedded queue: runs execute in this process as soon as they are admitted. */
export class LocalRunQueue implements RunQueue {
  async enqueue(run: QueuedRun, inProcess: InProcessOptions = {}): Promise<"queued" | "running"> {
    return (await executeRun(run.runId, inProcess)) ? "running" : "queued";
  }

  async withdraw(): Promise<boolean> {
    return false;
  }

  async counts(): Promise<{ waiting: number; active: number }> {
    return { waiting: 0, active: runtime.active.size };
  }
}
