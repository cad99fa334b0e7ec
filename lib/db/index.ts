import { db } from "./client";
import { migrateDatabase } from "./migrate";
import { databaseUrl } from "./url";

export { db } from "./client";
export type { Prisma } from "@/lib/generated/prisma/client";

/** The workspace every request lands in until accounts exist (and the first owner's later). */
export const DEFAULT_WORKSPACE_SLUG = "local";

let ready: Promise<void> | undefined;

/**
 * Brings the database up to date once per process: applies pending migrations and makes
 * sure the default workspace exists. Safe to call from every entry point.
 */
export function ensureDatabase(): Promise<void> {
  ready ??= (async () => {
    await migrateDatabase(databaseUrl());
    await db.workspace.upsert({
      where: { slug: DEFAULT_WORKSPACE_SLUG },
      update: {},
      create: { slug: DEFAULT_WORKSPACE_SLUG, name: "My workspace" },
    });
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}
