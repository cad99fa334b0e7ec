import type { Redis } from "ioredis";

/**
 * better-auth's per-address rate limit in Redis (with `REDIS_URL`): one fixed window per key,
 * counted and checked in one step, so every web process shares the count.
 */
export function redisRateLimitStorage(redis: Redis) {
  return {
    async consume(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean; retryAfter: number | null }> {
      const redisKey = `tierflow:rate-limit:${key}`;
      const replies = await redis.multi().set(redisKey, 0, "EX", rule.window, "NX").incr(redisKey).pttl(redisKey).exec();
      const count = Number(replies?.[1]?.[1]);
      const ttl = Number(replies?.[2]?.[1]);
      if (count <= rule.max) return { allowed: true, retryAfter: null };
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((ttl > 0 ? ttl : rule.window * 1000) / 1000)) };
    },
  };
}
