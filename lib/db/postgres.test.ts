import { readFile } from "node:fs/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "./client";
import { SCHEMA_FILES, migrateDatabase } from "./migrate";
import { diffScript, openSchemaEngine } from "./schema-engine";
import { databaseUrl } from "./url";

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Tables, columns, indexes and constraints, as Postgres itself reports them. */
async function catalog(url: string): Promise<unknown[]> {
  const own = `NOT LIKE '_prisma_migrations%'`;
  return Promise.all([
    query(url, `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name ${own} ORDER BY 1, 2`),
    query(url, `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename ${own} ORDER BY 1`),
    query(url, `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text ${own} ORDER BY 1, 2`),
  ]);
}

// Runs in the "scale" project: DATABASE_URL is a fresh Postgres database.
describe("Postgres", () => {
  it("takes the committed migrations at start-up, even from two processes at once, and they build exactly the schema", async () => {
    const url = databaseUrl();
    expect(url).toMatch(/^postgres:\/\//);
    const [first, second] = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    expect([...first, ...second].length).toBeGreaterThan(0);
    expect(first.length * second.length).toBe(0); // one process applied them, the other found nothing to do
    expect(await migrateDatabase(url)).toEqual([]);

    // The schema built in one step on an empty database: what the migrations must add up to.
    // (The engine's schemaPush and introspection choke on Postgres's "char" columns over the adapter.)
    const content = await readFile(SCHEMA_FILES.postgresql, "utf8");
    const { engine, close } = await openSchemaEngine(url, content);
    const fromEmpty = await diffScript(engine, { tag: "empty" }, content).finally(close);
    const pushed = new URL(url);
    pushed.pathname += "_whole";
    await query(url, `CREATE DATABASE ${pushed.pathname.slice(1)}`);
    await query(pushed.href, fromEmpty);
    expect(await catalog(url)).toEqual(await catalog(pushed.href));
  });

  it("serves the app's client, with JSON stored as jsonb", async () => {
    await migrateDatabase(databaseUrl());
    const workspace = await db.workspace.create({ data: { slug: "pg-check", name: "Postgres", catalog: { tiers: { mini: "x" } } } });
    expect(await db.workspace.findUnique({ where: { id: workspace.id } })).toMatchObject({ catalog: { tiers: { mini: "x" } } });
    expect(await query(databaseUrl(), `SELECT jsonb_typeof(catalog) AS type FROM "Workspace" WHERE id = $1`, [workspace.id])).toEqual([{ type: "object" }]);
  });
});
