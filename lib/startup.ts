import { trustedProxies } from "@/lib/auth/client-address";
import { configuredPublicOrigin } from "@/lib/auth/public-origin";
import { ensureDatabase } from "@/lib/db";
import { markInterruptedRuns } from "@/lib/runs";

/** Everything the server does once before it answers: check settings, migrate, seed, recover. */
export async function startServer(): Promise<void> {
  // A typo in these would otherwise surface as failed requests; refuse to start instead.
  trustedProxies();
  configuredPublicOrigin();
  await ensureDatabase();
  const interrupted = await markInterruptedRuns();
  if (interrupted > 0) console.warn(`Marked ${interrupted} run(s) left running by a stopped server as interrupted.`);
}
