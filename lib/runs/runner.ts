import { ChildRunExecutor } from "./child-executor";
import type { InProcessOptions } from "./queue";
import { InlineRunExecutor, type RunExecutor } from "./run-executor";

export type RunnerMode = "inline" | "process";

/**
 * Where the embedded queue executes runs (`TIERFLOW_RUNNER`): `process`, an executor child
 * process, is the default under the Next.js server (`npm start`, `next dev`); `inline`, this
 * process's event loop, everywhere else (unit tests, scripts, benchmarks).
 */
export function runnerMode(env: Readonly<Record<string, string | undefined>> = process.env): RunnerMode {
  const raw = env.TIERFLOW_RUNNER?.trim().toLowerCase();
  if (raw === "inline" || raw === "process") return raw;
  if (raw) throw new Error(`TIERFLOW_RUNNER must be "inline" or "process" (got "${env.TIERFLOW_RUNNER}").`);
  return env.NEXT_RUNTIME === "nodejs" && !env.VITEST ? "process" : "inline";
}

const globalForRunner = globalThis as unknown as { tierflowExecutors?: { inline: InlineRunExecutor; process?: ChildRunExecutor } };

/** This process's executors, one of each at most (shared by every route bundle). */
function executors() {
  return (globalForRunner.tierflowExecutors ??= { inline: new InlineRunExecutor() });
}

/** The executor child processes, started on first use. */
export function childExecutor(): ChildRunExecutor {
  const all = executors();
  return (all.process ??= new ChildRunExecutor());
}

/** The executor for a run: a ready model client only works in this process, so such runs stay inline. */
export function executorFor(inProcess: InProcessOptions, mode: RunnerMode = runnerMode()): RunExecutor {
  return inProcess.modelClient || mode === "inline" ? executors().inline : childExecutor();
}
