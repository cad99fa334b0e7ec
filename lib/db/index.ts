import { db } from "./client";
import { migrateDatabase } from "./migrate";
import { databaseUrl } from "./url";

export { db, sqliteDateTime, sqliteWrite, usesSqlite, type SqlRow, type SqlWriter } from "./client";
export { newRowId } from "./ids";
export { Prisma } from "@/lib/generated/prisma/client";

/** The workspace every request lands in until accounts exist (and the first owner's later). */
export const DEFAULT_WORKSPACE_SLUG = "local";

// On globalThis: Next.js may load this module once per bundle (instrumentation, each route),
// and two migrations racing on one database would fail.
const globalForReady = globalThis as unknown as { tierflowDbReady?: Promise<void> };

/**
 * Brings the database up to date once per process: applies pending migrations and makes
 * sure the default workspace exists. Safe to call from every entry point.
 */
export function ensureDatabase(): Promise<void> {
  globalForReady.tierflowDbReady ??= (async () => {
    await migrateDatabase(databaseUrl());
    await db.workspace.upsert({
      where: { slug: DEFAULT_WORKSPACE_SLUG },
      update: {},
      create: { slug: DEFAULT_WORKSPACE_SLUG, name: "My workspace" },
    });
  })().catch((error: unknown) => {
    globalForReady.tierflowDbReady = undefined;
    throw error;
  });
  return globalForReady.tierflowDbReady;
}
