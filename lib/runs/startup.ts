import { ensureDatabase } from "@/lib/db";
import { markInterruptedRuns } from "./service";

/** What the run side does once before the server answers: migrate, then recover runs a stopped server left behind. */
export async function startServer(): Promise<void> {
  await ensureDatabase();
  const interrupted = await markInterruptedRuns();
  if (interrupted > 0) console.warn(`Marked ${interrupted} run(s) left running by a stopped server as interrupted.`);
}
