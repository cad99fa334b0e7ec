import type { GraphIssue } from "./issues";
import { GRAPH_SCHEMA_VERSION } from "./schema";

/** Upgrades a document of version N to N+1. The runner stamps the new `schemaVersion` itself. */
export type GraphMigration = (document: Record<string, unknown>) => Record<string, unknown>;

/** Migration steps keyed by the version they upgrade from. */
export type GraphMigrations = Readonly<Record<number, GraphMigration>>;

/**
 * The real registry: when the schema changes, bump GRAPH_SCHEMA_VERSION and add `{ [previous]: step }` here.
 * - 1 → 2: tool ids may be up to 200 characters (MCP tool ids); every version 1 document is a valid version 2 one.
 * - 2 → 3: a fourth role, `approval` (a gate where a person decides); every version 2 document is a valid version 3 one.
 */
export const GRAPH_MIGRATIONS: GraphMigrations = {
  1: (document) => document,
  2: (document) => document,
};

export type MigrationResult =
  | { ok: true; document: Record<string, unknown>; fromVersion: number }
  | { ok: false; issue: GraphIssue };

/** Brings a stored or imported document up to GRAPH_SCHEMA_VERSION. Does not validate the rest of it. */
export function migrateGraphDocument(raw: unknown): MigrationResult {
  return migrateWith(raw, GRAPH_MIGRATIONS, GRAPH_SCHEMA_VERSION);
}

/** The migration runner, with the registry and target version passed in (tests register fake versions). */
export function migrateWith(raw: unknown, migrations: GraphMigrations, currentVersion: number): MigrationResult {
  if (!isPlainObject(raw)) {
    return fail("invalid_field", "The graph document must be a JSON object.", []);
  }
  const version = raw.schemaVersion;
  if (version === undefined) {
    return fail(
      "unsupported_version",
      "The graph document has no schemaVersion, so its format is unknown. Export it again from Tierflow.",
    );
  }
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    return fail("unsupported_version", `The graph document's schemaVersion must be a whole number, not ${JSON.stringify(version)}.`);
  }
  if (version > currentVersion) {
    return fail(
      "unsupported_version",
      `This graph was saved by a newer version of Tierflow (schema version ${version}; this one reads up to ${currentVersion}). Update Tierflow to open it.`,
    );
  }

  let document = raw;
  for (let from = version; from < currentVersion; from++) {
    const step = Object.hasOwn(migrations, from) ? migrations[from] : undefined;
    if (!step) {
      return fail(
        "unsupported_version",
        `Schema version ${version} can no longer be read: there is no upgrade from version ${from} to ${from + 1}.`,
      );
    }
    // Steps may be written in place; never let them touch the caller's object.
    const input = from === version ? structuredClone(document) : document;
    let next: unknown;
    try {
      next = step(input);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail("unsupported_version", `Upgrading the graph from schema version ${from} to ${from + 1} failed: ${reason}`);
    }
    if (!isPlainObject(next)) {
      return fail("unsupported_version", `Upgrading the graph from schema version ${from} to ${from + 1} did not produce a document.`);
    }
    document = { ...next, schemaVersion: from + 1 };
  }
  return { ok: true, document, fromVersion: version };
}

function fail(code: GraphIssue["code"], message: string, path: (string | number)[] = ["schemaVersion"]): MigrationResult {
  return { ok: false, issue: { code, message, path } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
