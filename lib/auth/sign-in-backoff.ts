import { createHash } from "node:crypto";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import type { Redis } from "ioredis";
import { db } from "@/lib/db";
import { sharedRedis } from "@/lib/db/redis";

/**
 * Per-account back-off on failed sign-ins. The per-address rate limit stops one machine;
 * a guesser spread over many addresses is slowed here instead: after `FREE_FAILURES`
 * failed attempts on one email, each further attempt on it, from anywhere, has to wait a
 * window that doubles from 30 seconds up to 15 minutes, and attempts inside the window are
 * refused (429 with `Retry-After`) without checking the password. A successful sign-in
 * clears the count; a failure a day old is forgotten.
 *
 * An attempt counts as failed from the moment it is let through, and is cleared only if it
 * succeeds: a burst of parallel guesses cannot all slip past one read of the count. The
 * count lives in the database (table `SignInBackoff`) like better-auth's rate limit, so it
 * survives restarts and every process sharing the database sees it; better-auth's own
 * storage keys fixed windows on (address, path) and has no place for a per-account,
 * growing window. With `REDIS_URL` the count lives in Redis instead (one hash per account,
 * updated by one script, expiring when it would be forgotten), like the rate limit.
 */

/** Failed attempts an account may have in a row before each further attempt must wait. */
export const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;
const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** Compare-and-swap rounds before an attempt is refused under heavy contention. */
const MAX_ROUNDS = 50;

export const TOO_MANY_FAILED_SIGN_INS = "TOO_MANY_FAILED_SIGN_INS";

/** How long an account must wait after its `failures`-th failure in a row, in milliseconds. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
}

export type SignInClaim = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";
const emailHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

/**
 * Lets one sign-in attempt on `email` through, counting it as failed until it succeeds, or
 * refuses it while the account's wait runs. `redis` defaults to the shared one (none: the database).
 */
export async function claimSignInAttempt(email: string, now = new Date(), redis: Redis | null = sharedRedis()): Promise<SignInClaim> {
  if (redis) return claimInRedis(redis, emailHash(email), now);
  const key = emailHash(email);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = await db.signInBackoff.findUnique({ where: { emailHash: key } });
    if (row?.lockedUntil && row.lockedUntil > now) {
      return { allowed: false, retryAfterSeconds: Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000) };
    }
    const forgotten = !row || now.getTime() - row.lastFailureAt.getTime() >= FORGET_AFTER_MS;
    const failures = (forgotten ? 0 : row.failures) + 1;
    const wait = waitAfterFailures(failures);
    const data = { failures, lastFailureAt: now, lockedUntil: wait > 0 ? new Date(now.getTime() + wait) : null };
    if (!row) {
      try {
        await db.signInBackoff.create({ data: { emailHash: key, ...data } });
      } catch (error) {
        if (isUniqueViolation(error)) continue; // A parallel attempt created the row first: count against it.
        throw error;
      }
      await db.signInBackoff.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } } });
      return { allowed: true };
    }
    // Only if nobody counted an attempt since we read the row.
    const { count } = await db.signInBackoff.updateMany({ where: { emailHash: key, failures: row.failures, lastFailureAt: row.lastFailureAt }, data });
    if (count === 1) return { allowed: true };
  }
  return { allowed: false, retryAfterSeconds: 1 };
}

/** A successful sign-in: the account starts afresh. */
export async function clearSignInFailures(email: string, redis: Redis | null = sharedRedis()): Promise<void> {
  if (redis) await redis.del(redisKey(emailHash(email)));
  else await db.signInBackoff.deleteMany({ where: { emailHash: emailHash(email) } });
}

const redisKey = (hash: string) => `tierflow:sign-in-backoff:${hash}`;

// The same rule as the database path, in one atomic step: refuse inside the wait, otherwise
// count the attempt (a day-old count starts afresh) and set the next wait.
const CLAIM = `
local now = tonumber(ARGV[1])
local row = redis.call('HMGET', KEYS[1], 'failures', 'last', 'locked')
local locked = tonumber(row[3])
if locked and locked > now then return locked end
local failures = 1
if row[2] and now - tonumber(row[2]) < tonumber(ARGV[5]) then failures = tonumber(row[1]) + 1 end
local wait = 0
if failures >= tonumber(ARGV[2]) then wait = math.min(tonumber(ARGV[3]) * 2 ^ (failures - tonumber(ARGV[2])), tonumber(ARGV[4])) end
local lockedUntil = 0
if wait > 0 then lockedUntil = now + wait end
redis.call('HSET', KEYS[1], 'failures', failures, 'last', now, 'locked', lockedUntil)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) + wait)
return 0`;

async function claimInRedis(redis: Redis, hash: string, now: Date): Promise<SignInClaim> {
  const lockedUntil = Number(await redis.eval(CLAIM, 1, redisKey(hash), now.getTime(), FREE_FAILURES, FIRST_WAIT_MS, MAX_WAIT_MS, FORGET_AFTER_MS));
  if (lockedUntil === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000) };
}

const inWords = (seconds: number) => (seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`);

function signInEmail(ctx: { path?: string; body?: unknown }): string | null {
  if (ctx.path !== "/sign-in/email" || typeof ctx.body !== "object" || ctx.body === null) return null;
  const email = (ctx.body as { email?: unknown }).email;
  return typeof email === "string" && email.trim() !== "" ? email : null;
}

/** better-auth `hooks` that apply the back-off to email sign-in. */
export const signInBackoffHooks = {
  before: createAuthMiddleware(async (ctx) => {
    const email = signInEmail(ctx);
    if (!email) return;
    const claim = await claimSignInAttempt(email);
    if (claim.allowed) return;
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: TOO_MANY_FAILED_SIGN_INS, message: `Too many failed sign-ins for this account. Try again in ${inWords(claim.retryAfterSeconds)}.` },
      { "Retry-After": String(claim.retryAfterSeconds) },
    );
  }),
  after: createAuthMiddleware(async (ctx) => {
    const email = signInEmail(ctx);
    if (email && !isAPIError(ctx.context.returned)) await clearSignInFailures(email);
  }),
};
