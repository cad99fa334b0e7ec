import { decideExpiredApprovals } from "./approvals";
import { leaseMs, renewLeases } from "./ownership";
import { takeOverExpiredRuns } from "./takeover";
import { runtime } from "./runtime";

/**
 * Starts this process's lease heartbeat (once): renew owned runs, honour cancels, take over
 * orphans (`takeOver`: executing them here by default; a queue worker puts them back on its
 * queue), and time out approval waits.
 */
export function startRunHeartbeat(takeOver: () => Promise<unknown> = takeOverExpiredRuns): void {
  if (runtime.heartbeat) return;
  runtime.heartbeat = setInterval(() => {
    void renewLeases()
      .then(takeOver)
      .then(() => (runtime.draining ? 0 : decideExpiredApprovals()))
      .catch((error: unknown) => console.error("Run heartbeat failed:", error));
  }, leaseMs() / 3);
  runtime.heartbeat.unref();
}
