import { runtime, SHUTDOWN } from "./runtime";

/** How long in-flight work may take to finish on SIGTERM (`TIERFLOW_SHUTDOWN_GRACE_S`, default 30 s). */
export function shutdownGraceMs(): number {
  const seconds = Number(process.env.TIERFLOW_SHUTDOWN_GRACE_S);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 30) * 1000;
}

/**
 * Stops this process's runs for a shutdown: no new runs start, runs in flight get up to the
 * grace period to finish, and the rest stop, store their events and give up their lease, left
 * `running` for the next process to resume. Resolves once all of that is stored.
 */
export async function drainRuns(graceMs = shutdownGraceMs()): Promise<void> {
  runtime.draining = true;
  if (runtime.heartbeat) clearInterval(runtime.heartbeat);
  const all = () => Promise.all([...runtime.active.values()].map((run) => run.done));
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([all(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  for (const run of runtime.active.values()) run.controller.abort(SHUTDOWN);
  await all();
}

/**
 * On SIGTERM, drains the runs before Next.js's own handler closes the server and exits: that
 * handler is taken off and called once the runs are checkpointed.
 */
export function installGracefulShutdown(): void {
  const others = process.listeners("SIGTERM");
  process.removeAllListeners("SIGTERM");
  process.once("SIGTERM", () => {
    console.warn(`SIGTERM: letting ${runtime.active.size} run(s) finish for up to ${shutdownGraceMs() / 1000} s, then checkpointing them.`);
    void drainRuns()
      .catch((error: unknown) => console.error("Could not drain runs on shutdown:", error))
      .finally(() => {
        if (others.length === 0) process.exit(0);
        for (const listener of others) (listener as (signal: NodeJS.Signals) => void)("SIGTERM");
      });
  });
}
