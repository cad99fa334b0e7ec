import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { db, ensureDatabase } from "@/lib/db";
import { sharedRedis } from "@/lib/db/redis";
import { claimSignInAttempt, clearSignInFailures, FREE_FAILURES, waitAfterFailures } from "./sign-in-backoff";

const email = () => `target-${randomUUID()}@example.test`;
const at = (iso: string) => new Date(iso);

beforeAll(() => ensureDatabase());

describe("waitAfterFailures", () => {
  it("lets five failures pass, then doubles the wait from 30 seconds to at most 15 minutes", () => {
    expect(FREE_FAILURES).toBe(5);
    expect([1, 2, 3, 4].map(waitAfterFailures)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 500].map((n) => waitAfterFailures(n) / 1000)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });
});

// On the database always; on Redis too when the scale project provides one (REDIS_URL).
const stores: Array<["database" | "redis", Redis | null]> = [["database", null], ...(process.env.REDIS_URL ? [["redis", sharedRedis()] as ["redis", Redis | null]] : [])];

describe.each(stores)("claimSignInAttempt (%s)", (store, redis) => {
  const claim = (target: string, now: Date) => claimSignInAttempt(target, now, redis);

  it("lets exactly five of a parallel burst through", async () => {
    const target = email();
    const claims = await Promise.all(Array.from({ length: 12 }, () => claim(target, at("2030-01-01T10:00:00Z"))));
    expect(claims.filter((claim) => claim.allowed)).toHaveLength(5);
    expect(claims.filter((claim) => !claim.allowed)).toEqual(Array(7).fill({ allowed: false, retryAfterSeconds: 30 }));
  });

  it("counts the retry-after down and refuses without counting while the wait runs", async () => {
    const target = email();
    for (let i = 0; i < 5; i++) await claim(target, at("2030-01-01T10:00:00Z"));
    expect(await claim(target, at("2030-01-01T10:00:20.500Z"))).toEqual({ allowed: false, retryAfterSeconds: 10 });
    // Refusals did not add to the count: the next wait is the second step, 60 s.
    expect(await claim(target, at("2030-01-01T10:00:30Z"))).toEqual({ allowed: true });
    expect(await claim(target, at("2030-01-01T10:00:31Z"))).toEqual({ allowed: false, retryAfterSeconds: 59 });
  });

  it("treats one email however it is spelled, and other emails apart", async () => {
    const target = email();
    for (let i = 0; i < 5; i++) await claim(i % 2 ? target.toUpperCase() : ` ${target} `, at("2030-01-01T10:00:00Z"));
    expect((await claim(target, at("2030-01-01T10:00:01Z"))).allowed).toBe(false);
    expect((await claim(email(), at("2030-01-01T10:00:01Z"))).allowed).toBe(true);
  });

  it("starts afresh after a success, and forgets failures a day old", async () => {
    const cleared = email();
    for (let i = 0; i < 5; i++) await claim(cleared, at("2030-01-01T10:00:00Z"));
    await clearSignInFailures(cleared, redis);
    expect(await claim(cleared, at("2030-01-01T10:00:01Z"))).toEqual({ allowed: true });

    const old = email();
    for (let i = 0; i < 7; i++) await claim(old, at(`2030-01-01T1${i}:00:00Z`));
    expect(await claim(old, at("2030-01-02T16:00:00Z"))).toEqual({ allowed: true });
    for (let i = 0; i < 3; i++) await claim(old, at("2030-01-02T16:00:00Z"));
    expect(await claim(old, at("2030-01-02T16:00:01Z"))).toEqual({ allowed: true });
  });

  it.runIf(store === "database")("keeps no email in the clear, and prunes what it has forgotten", async () => {
    const target = email();
    await claim(target, at("2030-01-01T10:00:00Z"));
    const rows = await db.signInBackoff.findMany();
    expect(JSON.stringify(rows)).not.toContain(target);
    // A new row a day later sweeps the stale ones away.
    await claim(email(), at("2030-01-03T10:00:00Z"));
    expect(await db.signInBackoff.count({ where: { lastFailureAt: { lt: at("2030-01-02T10:00:00Z") } } })).toBe(0);
  });

  it.runIf(store === "redis")("keeps no email in the clear, and lets a count expire once it would be forgotten", async () => {
    const target = email();
    await claim(target, at("2030-01-01T10:00:00Z"));
    const keys = await redis!.keys("tierflow:sign-in-backoff:*");
    expect(keys.join(" ")).not.toContain(target);
    const ttls = await Promise.all(keys.map((key) => redis!.pttl(key)));
    expect(ttls.every((ttl) => ttl > 0 && ttl <= 24 * 60 * 60_000 + 15 * 60_000)).toBe(true);
  });
});
