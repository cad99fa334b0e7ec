import { ensureDatabase } from "@/lib/db";
import { queueKind } from "./queues";
import { childExecutor, runnerMode } from "./runner";
import { startRunHeartbeat } from "./heartbeat";
import { installGracefulShutdown } from "./shutdown";
import { admitQueuedRuns, takeOverExpiredRuns } from "./takeover";

/**
 * What the run side does once before the server answers: migrate, start the executor child (so
 * the first run does not wait for it), take over runs a stopped server left behind (their leases
 * expired; runs live processes own are left alone), admit again the runs it left queued, keep
 * this process's leases alive, and drain runs on SIGTERM. With the BullMQ queue the web process
 * executes nothing: workers own runs and take over each other's.
 */
export async function startServer(): Promise<void> {
  await ensureDatabase();
  if (queueKind() === "bullmq") {
    installGracefulShutdown();
    return;
  }
  // Awaited: the child's cold start (~1 s idle, ~8 s on a loaded 2-core machine) is paid before
  // the server answers, not by the first run.
  if (runnerMode() === "process") await executorReady(60_000);
  installGracefulShutdown();
  startRunHeartbeat();
  const taken = await takeOverExpiredRuns();
  if (taken > 0) console.warn(`Took over ${taken} run(s) left by a stopped server.`);
  const queued = await admitQueuedRuns();
  if (queued > 0) console.warn(`Admitted ${queued} queued run(s) again.`);
}

/** Waits for the executor children, for up to `ms`: a child that cannot start is logged (and retried), not a server that never answers. */
async function executorReady(ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ready = Promise.all(childExecutor().children.map((child) => child.whenReady())).then(() => true);
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  if (!(await Promise.race([ready, late]))) console.error(`The run executor did not start within ${ms / 1000} s; runs wait for it (it is retried).`);
  clearTimeout(timer);
}
