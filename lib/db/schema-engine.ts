import { readFile } from "node:fs/promises";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { databaseProvider, sqliteFilePath } from "./url";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let gluePromise: Promise<Glue> | undefined;

/**
 * Loads Prisma's schema engine compiled to WebAssembly. The native engine would be
 * downloaded on first use, which fails offline; on Node 20 the .wasm must be wired by hand.
 */
function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    // Loaded from node_modules at run time: bundlers would rewrite the paths below.
    const glue: Glue = await import(/* turbopackIgnore: true */ "@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm");
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

/** A schema engine plus the connections it opened, which `free()` alone leaves locked. */
export interface OpenSchemaEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** The driver adapter for `databaseUrl`: better-sqlite3 for `file:`, node-postgres for `postgres://`. */
export function driverAdapter(databaseUrl: string): PrismaBetterSqlite3 | PrismaPg {
  return databaseProvider(databaseUrl) === "sqlite"
    ? new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl) })
    : new PrismaPg({ connectionString: databaseUrl });
}

/**
 * Opens a schema engine on the database at `databaseUrl` (SQLite or Postgres) for `schema`,
 * the matching provider's schema text; always `close()` it. Postgres connects lazily, so a
 * diff between two schema texts needs no server.
 */
export async function openSchemaEngine(databaseUrl: string, schema: string): Promise<OpenSchemaEngine> {
  const glue = await loadGlue();
  const inner = driverAdapter(databaseUrl);
  const opened: SqlDriverAdapter[] = [];
  const track = async (connection: Promise<SqlDriverAdapter>) => {
    const adapter = await connection;
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  };
  const engine = await glue.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

type DiffSource = Parameters<SchemaEngine["diff"]>[0]["from"];

/** The SQL that takes `from` (nothing, or a schema's datamodel) to the datamodel of `schema`. */
export async function diffScript(engine: SchemaEngine, from: DiffSource, schema: string): Promise<string> {
  const { stdout } = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return stdout ?? "";
}
