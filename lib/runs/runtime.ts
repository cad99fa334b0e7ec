import { Redis } from "ioredis";
import { RunEventBus, type RunBus } from "./bus";
import { RedisRunBus } from "./redis-bus";

interface RunRuntime {
  bus: RunBus;
  /** Runs executing in this process, by id: cancelling aborts the controller. */
  active: Map<string, { controller: AbortController; done: Promise<void> }>;
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
export const runtime: RunRuntime = (globalForRuns.tierflowRuns ??= { bus: createBus(), active: new Map() });
