import { ensureDatabase } from "@/lib/db";
import { databaseProvider, databaseUrl } from "@/lib/db/url";
import { markInterruptedRuns } from "./service";

/** What the run side does once before the server answers: migrate, then recover runs a stopped server left behind. */
export async function startServer(): Promise<void> {
  await ensureDatabase();
  // A shared (Postgres) database has other processes' live runs in it: a start-up sweep would
  // cut them off. Recovering a stopped process's runs there is the durable resume's job.
  if (databaseProvider(databaseUrl()) === "postgresql") return;
  const interrupted = await markInterruptedRuns();
  if (interrupted > 0) console.warn(`Marked ${interrupted} run(s) left running by a stopped server as interrupted.`);
}
