import { Redis } from "ioredis";

/** The Redis every process of a deployment shares (`REDIS_URL`); undefined on the embedded default. */
export function redisUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.REDIS_URL?.trim() || undefined;
}

const globalForRedis = globalThis as unknown as { tierflowRedis?: Redis };

/**
 * This process's connection for shared state (limits, signals), or null without `REDIS_URL`.
 * One per process (every Next bundle shares it); blocking reads take a `duplicate()`.
 */
export function sharedRedis(): Redis | null {
  const url = redisUrl();
  if (!url) return null;
  return (globalForRedis.tierflowRedis ??= new Redis(url, { maxRetriesPerRequest: 3 }));
}
