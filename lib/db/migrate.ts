import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { openSchemaEngine } from "./schema-engine";
import { sqliteFilePath } from "./url";

/** Where the committed migrations live; `prisma migrate deploy` reads the same folder. */
export const MIGRATIONS_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");
const SCHEMA_FILE = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "schema.prisma");

export async function readMigrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      entries.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(dir, name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

/**
 * Applies pending migrations to the SQLite database at `databaseUrl`, creating the file
 * (and its folder) when missing. Returns the names of the migrations it applied.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  await mkdir(path.dirname(path.resolve(sqliteFilePath(databaseUrl))), { recursive: true });
  const { engine, close } = await openSchemaEngine(databaseUrl, await readFile(SCHEMA_FILE, "utf8"));
  try {
    return await applyPendingMigrations(engine);
  } finally {
    await close();
  }
}

export async function applyPendingMigrations(engine: SchemaEngine): Promise<string[]> {
  const { appliedMigrationNames } = await engine.applyMigrations({
    migrationsList: await readMigrationList(),
    filters: { externalTables: [], externalEnums: [] },
  });
  return appliedMigrationNames;
}
