import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { derivedKey } from "./secrets";
import { claimDefaultWorkspace } from "./workspace-membership";

/** Sign-in and sign-up attempts allowed per client address per minute (`TIERFLOW_AUTH_RATE_LIMIT`). */
export function authAttemptsPerMinute(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.TIERFLOW_AUTH_RATE_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 10;
}

function createAuth() {
  const attempts = { window: 60, max: authAttemptsPerMinute() };
  return betterAuth({
    appName: "Tierflow",
    secret: derivedKey("sessions").toString("base64url"),
    // Unset, the origin is taken from each request, so any host or port works out of the box.
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    // Behind `next start -H 127.0.0.1` the handler's request.url says "localhost", so the
    // derived origin never matches the browser's: trust the origin the Host header names
    // (the same-origin rule lib/api/guard.ts applies to the app's own API).
    trustedOrigins: (request) => {
      const host = request?.headers.get("x-forwarded-host") ?? request?.headers.get("host");
      return host ? [`http://${host}`, `https://${host}`] : [];
    },
    database: prismaAdapter(db, { provider: "sqlite" }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": attempts, "/sign-up/email": attempts },
    },
    advanced: { cookiePrefix: "tierflow" },
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
