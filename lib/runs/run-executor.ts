import { executeRun } from "./resume";
import { runtime } from "./runtime";
import type { InProcessOptions } from "./queue";

/** A run handed to an executor: whether it started there, and when it has ended (or at once, if it did not start). */
export interface Execution {
  started: boolean;
  done: Promise<void>;
}

/**
 * Where the embedded queue executes an admitted run: in this process (`inline`) or in an
 * executor child process (`process`, child-executor.ts). Either way `executeRun` claims the
 * run through its lease, and this process's `runtime.active` lists it (for a child, as a proxy
 * whose abort reaches the child), so cancel, drain, the lease heartbeat and health see one shape.
 */
export interface RunExecutor {
  readonly kind: "inline" | "process";
  execute(runId: string, inProcess: InProcessOptions): Promise<Execution>;
}

/** Executes runs on this process's event loop (unit tests, scripts, and callers with a ready model client). */
export class InlineRunExecutor implements RunExecutor {
  readonly kind = "inline";

  async execute(runId: string, inProcess: InProcessOptions): Promise<Execution> {
    const started = await executeRun(runId, inProcess);
    return { started, done: (started && runtime.active.get(runId)?.done) || Promise.resolve() };
  }
}
