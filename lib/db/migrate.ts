import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { openSchemaEngine } from "./schema-engine";
import { databaseProvider, sqliteFilePath, type DatabaseProvider } from "./url";

// Read at run time from the project folder; the ignore comments keep Next's tracer from
// treating these dynamic paths as "include the whole project".
/** Each provider's schema and committed migrations; `prisma migrate deploy` reads the same folders. */
export const SCHEMA_FILES: Record<DatabaseProvider, string> = {
  sqlite: path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "schema.prisma"),
  postgresql: path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "postgres", "schema.prisma"),
};
export const MIGRATION_DIRS: Record<DatabaseProvider, string> = {
  sqlite: path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations"),
  postgresql: path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "postgres", "migrations"),
};
/** The SQLite migrations, where every helper before Postgres looked for them. */
export const MIGRATIONS_DIR = MIGRATION_DIRS.sqlite;

// Any fixed number: every process that migrates one Postgres database takes this lock first.
const MIGRATION_LOCK_ID = 72_707_370;

export async function readMigrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = (await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
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
 * Applies pending migrations to the database at `databaseUrl`: SQLite (creating the file and
 * its folder when missing) or Postgres (the database must exist; processes starting together
 * take turns). Returns the names of the migrations it applied.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const provider = databaseProvider(databaseUrl);
  if (provider === "sqlite") {
    await mkdir(path.dirname(path.resolve(sqliteFilePath(databaseUrl))), { recursive: true });
    return applyTo(databaseUrl, provider);
  }
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    return await applyTo(databaseUrl, provider);
  } finally {
    await lock.end();
  }
}

async function applyTo(databaseUrl: string, provider: DatabaseProvider): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(databaseUrl, await readFile(/* turbopackIgnore: true */ SCHEMA_FILES[provider], "utf8"));
  try {
    return await applyPendingMigrations(engine, MIGRATION_DIRS[provider]);
  } finally {
    await close();
  }
}

export async function applyPendingMigrations(engine: SchemaEngine, dir = MIGRATIONS_DIR): Promise<string[]> {
  const { appliedMigrationNames } = await engine.applyMigrations({
    migrationsList: await readMigrationList(dir),
    filters: { externalTables: [], externalEnums: [] },
  });
  return appliedMigrationNames;
}
