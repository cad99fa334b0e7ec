import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { sharedRedis } from "@/lib/db/redis";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { trustedOriginsFor } from "./public-origin";
import { redisRateLimitStorage } from "./redis-limits";
import { derivedKey } from "./secrets";
import { signInBackoffHooks } from "./sign-in-backoff";
import { claimDefaultWorkspace } from "./workspace-membership";

/** Sign-in and sign-up attempts allowed per client address (lib/auth/client-address.ts) per minute (`TIERFLOW_AUTH_RATE_LIMIT`). */
export function authAttemptsPerMinute(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.TIERFLOW_AUTH_RATE_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 10;
}

function createAuth() {
  const attempts = { window: 60, max: authAttemptsPerMinute() };
  // With REDIS_URL every web process counts in Redis; otherwise in the shared database.
  const redis = sharedRedis();
  return betterAuth({
    appName: "Tierflow",
    secret: derivedKey("sessions").toString("base64url"),
    // The one configured public URL (lib/auth/public-origin.ts). Unset, the origin is taken
    // from each request, so any host or port works out of the box.
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    // request.url says "localhost" behind `next start -H 127.0.0.1`: trust the public origin
    // instead, by the rule lib/api/guard.ts applies to the app's own API.
    trustedOrigins: (request) => trustedOriginsFor(request),
    database: prismaAdapter(db, { provider: "sqlite" }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": attempts, "/sign-up/email": attempts },
      ...(redis ? { customStorage: redisRateLimitStorage(redis) } : {}),
    },
    // The rate limit keys on the address the auth route computed, never on what a client sent.
    advanced: { cookiePrefix: "tierflow", ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
    hooks: signInBackoffHooks,
    databaseHooks: {
      user: { create: { after: async (user) => void (await claimDefaultWorkspace(user.id)) } },
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { tierflowAuth?: Auth };

/** The one better-auth instance: email and password accounts, database sessions, rate-limited sign-in. */
export function getAuth(): Auth {
  return (globalForAuth.tierflowAuth ??= createAuth());
}
