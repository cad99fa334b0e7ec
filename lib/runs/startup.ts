import { ensureDatabase } from "@/lib/db";
import { markInterruptedRuns } from "./service";

/** Everything the server does once before it answers: migrate, seed, recover. */
export async function startServer(): Promise<void> {
  await ensureDatabase();
  const interrupted = await markInterruptedRuns();
  if (interrupted > 0) console.warn(`Marked ${interrupted} run(s) left running by a stopped server as interrupted.`);
}
