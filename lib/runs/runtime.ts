import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { RunEventBus, type RunBus } from "./bus";
import { RedisRunBus } from "./redis-bus";

interface RunRuntime {
  bus: RunBus;
  /** Runs executing in this process, by id: cancelling aborts the controller. */
  active: Map<string, { controller: AbortController; done: Promise<void> }>;
  /** This process, as the owner of the runs it leases. */
  ownerId: string;
  /** Set on SIGTERM: no new runs start or resume here. */
  draining: boolean;
  /** The abort reason of runs stopped because this process shuts down (one object for every bundle). */
  shutdown: Error;
  /** The lease heartbeat, once started. */
  heartbeat: ReturnType<typeof setInterval> | null;
}

const globalForRuns = globalThis as unknown as { tierflowRuns?: RunRuntime };

/** Redis Streams when REDIS_URL is set (several processes), in-process otherwise. */
function createBus(env: NodeJS.ProcessEnv = process.env): RunBus {
  const url = env.REDIS_URL?.trim();
  return url ? new RedisRunBus(new Redis(url)) : new RunEventBus();
}

/**
 * Process-wide run state. Kept on globalThis because Next.js may load a module once per
 * route bundle: every route must see the same bus and the same active runs.
 */
export const runtime: RunRuntime = (globalForRuns.tierflowRuns ??= {
  bus: createBus(),
  active: new Map(),
  ownerId: randomUUID(),
  draining: false,
  shutdown: new Error("The server is shutting down."),
  heartbeat: null,
});

/** The abort reason of runs stopped because this process shuts down: they stay `running`, to be resumed. */
export const SHUTDOWN = runtime.shutdown;
