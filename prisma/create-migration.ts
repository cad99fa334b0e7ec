/**
 * `npm run db:migration -- <name>`: brings both databases' migrations up to
 * prisma/schema.prisma, the one schema. Works offline (WebAssembly schema engine).
 * - SQLite: prisma/migrations/<timestamp>_<name>/, from applying the existing migrations to a
 *   scratch database, introspecting it and diffing that against the schema.
 * - Postgres: prisma/postgres/schema.prisma is regenerated from the schema and
 *   prisma/postgres/migrations/<timestamp>_<name>/ holds the diff from the previous one. The
 *   engine still wants a server to talk to: e2e/services.sh starts a scratch one.
 * Either side with nothing to change writes nothing; run it after merging branches that
 * added tables, then `npm run db:generate`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { MIGRATION_DIRS, SCHEMA_FILES, applyPendingMigrations } from "../lib/db/migrate";
import { postgresSchema } from "../lib/db/postgres-schema";
import { diffScript, openSchemaEngine } from "../lib/db/schema-engine";
import type { DatabaseProvider } from "../lib/db/url";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const schema = await readFile(SCHEMA_FILES.sqlite, "utf8");

async function write(provider: DatabaseProvider, sql: string | null | undefined): Promise<void> {
  const body = (sql ?? "").trim();
  if (!body || /^-- This is an empty migration/.test(body)) {
    console.log(`${provider}: the migrations match the schema, nothing to write.`);
    return;
  }
  const dir = path.join(MIGRATION_DIRS[provider], `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), body + "\n");
  await writeFile(path.join(MIGRATION_DIRS[provider], "migration_lock.toml"), `provider = "${provider}"\n`);
  console.log(`${provider}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

const scratch = await mkdtemp(path.join(tmpdir(), "tierflow-migration-"));
try {
  await mkdir(MIGRATION_DIRS.sqlite, { recursive: true });
  const { engine, close } = await openSchemaEngine(`file:${path.join(scratch, "scratch.db")}`, schema);
  try {
    const applied = await applyPendingMigrations(engine, MIGRATION_DIRS.sqlite);
    // Introspection fails on an empty database, so the very first migration diffs from nothing.
    const from = applied.length
      ? {
          tag: "schemaDatamodel" as const,
          files: (
            await engine.introspect({
              schema: { files: [{ path: "schema.prisma", content: schema }] },
              baseDirectoryPath: scratch,
              force: true,
              compositeTypeDepth: -1,
              namespaces: null,
            })
          ).schema.files,
        }
      : { tag: "empty" as const };
    await write("sqlite", await diffScript(engine, from, schema));
  } finally {
    await close();
  }

  const previous = await readFile(SCHEMA_FILES.postgresql, "utf8").catch(() => null);
  const next = postgresSchema(schema);
  const services = path.join(scratch, "services");
  const started = execFileSync("bash", ["e2e/services.sh", "start", services], { encoding: "utf8" });
  const pgEngine = await openSchemaEngine(/DATABASE_URL=(\S+)/.exec(started)![1], next);
  try {
    const from = previous ? { tag: "schemaDatamodel" as const, files: [{ path: "schema.prisma", content: previous }] } : { tag: "empty" as const };
    await write("postgresql", await diffScript(pgEngine.engine, from, next));
  } finally {
    await pgEngine.close();
    execFileSync("bash", ["e2e/services.sh", "stop", services]);
  }
  await mkdir(path.dirname(SCHEMA_FILES.postgresql), { recursive: true });
  await writeFile(SCHEMA_FILES.postgresql, next);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
