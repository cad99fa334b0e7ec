/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * with the SQL that takes the committed migrations to prisma/schema.prisma. Works offline
 * (WebAssembly schema engine): applies the existing migrations to a scratch database,
 * introspects it, and diffs that against the schema.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MIGRATIONS_DIR, applyPendingMigrations } from "../lib/db/migrate";
import { openSchemaEngine } from "../lib/db/schema-engine";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}

const scratch = await mkdtemp(path.join(tmpdir(), "tierflow-migration-"));
const url = `file:${path.join(scratch, "scratch.db")}`;
try {
  await mkdir(MIGRATIONS_DIR, { recursive: true });
  const schema = await readFile("prisma/schema.prisma", "utf8");
  const { engine, close } = await openSchemaEngine(url, schema);
  const applied = await applyPendingMigrations(engine);
  const filters = { externalTables: [], externalEnums: [] };
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
  const { stdout } = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: null,
    filters,
  });
  await close();
  const sql = (stdout ?? "").trim();
  if (!sql || /^-- This is an empty migration/.test(sql)) {
    console.log("The schema matches the migrations: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql + "\n");
    await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "sqlite"\n');
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
