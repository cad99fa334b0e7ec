/**
 * `npm run worker`: a process that executes runs from the BullMQ queue (REDIS_URL) against the
 * shared database (DATABASE_URL), `TIERFLOW_WORKER_CONCURRENCY` at a time. SIGTERM (or SIGINT)
 * stops it gracefully: no new jobs, in-flight runs get `TIERFLOW_SHUTDOWN_GRACE_S` to finish and
 * the rest are checkpointed for another worker. `TIERFLOW_WORKER_HEALTH_PORT` serves a health check.
 */
import { ensureDatabase } from "@/lib/db";
import { redisUrl } from "@/lib/db/redis";
import { shutdownGraceMs } from "./shutdown";
import { serveWorkerHealth, startRunWorker, workerConcurrency } from "./worker";

const url = redisUrl();
if (!url) {
  console.error("npm run worker needs REDIS_URL (and a Postgres DATABASE_URL shared with the web processes).");
  process.exit(1);
}
await ensureDatabase();
const concurrency = workerConcurrency();
const worker = startRunWorker(url, concurrency);
const healthPort = Number(process.env.TIERFLOW_WORKER_HEALTH_PORT);
const health = Number.isInteger(healthPort) && healthPort > 0 ? serveWorkerHealth(healthPort, worker) : null;
console.log(`Tierflow worker ${process.pid} ready: executing up to ${concurrency} run(s) at once.`);

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.warn(`${signal}: taking no new runs; letting ${worker.executing()} run(s) finish for up to ${shutdownGraceMs() / 1000} s, then checkpointing them.`);
  health?.close();
  worker
    .close()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error("Could not stop the worker cleanly:", error);
      process.exit(1);
    });
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
