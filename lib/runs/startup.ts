import { ensureDatabase } from "@/lib/db";
import { queueKind } from "./queues";
import { startRunHeartbeat } from "./heartbeat";
import { takeOverExpiredRuns } from "./resume";
import { installGracefulShutdown } from "./shutdown";

/**
 * What the run side does once before the server answers: migrate, take over runs a stopped
 * server left behind (their leases expired; runs live processes own are left alone), keep this
 * process's leases alive, and drain runs on SIGTERM. With the BullMQ queue the web process
 * executes nothing: workers own runs and take over each other's.
 */
export async function startServer(): Promise<void> {
  await ensureDatabase();
  installGracefulShutdown();
  if (queueKind() === "bullmq") return;
  startRunHeartbeat();
  const taken = await takeOverExpiredRuns();
  if (taken > 0) console.warn(`Took over ${taken} run(s) left by a stopped server.`);
}
