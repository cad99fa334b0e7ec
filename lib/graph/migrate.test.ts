import { describe, expect, it } from "vitest";
import { GRAPH_MIGRATIONS, migrateGraphDocument, migrateWith, type GraphMigrations } from "./migrate";
import { GRAPH_SCHEMA_VERSION } from "./schema";
import { pipeline } from "./testing";

describe("migrateGraphDocument", () => {
  it("passes a current document through unchanged", () => {
    const document = pipeline();
    expect(migrateGraphDocument(document)).toEqual({ ok: true, document, fromVersion: GRAPH_SCHEMA_VERSION });
  });

  it("has a step for every version below the current one", () => {
    const versions = Object.keys(GRAPH_MIGRATIONS).map(Number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: GRAPH_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  it("refuses a document from a newer Tierflow", () => {
    const result = migrateGraphDocument({ ...pipeline(), schemaVersion: GRAPH_SCHEMA_VERSION + 1 });
    expect(result).toMatchObject({ ok: false, issue: { code: "unsupported_version", path: ["schemaVersion"] } });
    if (!result.ok) expect(result.issue.message).toContain("newer version of Tierflow");
  });

  it("refuses a document without a usable version", () => {
    const unversioned: Record<string, unknown> = pipeline();
    delete unversioned.schemaVersion;
    const missing = migrateGraphDocument(unversioned);
    expect(missing).toMatchObject({ ok: false, issue: { code: "unsupported_version" } });
    if (!missing.ok) expect(missing.issue.message).toContain("has no schemaVersion");
    expect(migrateGraphDocument({ ...unversioned, schemaVersion: "1" })).toMatchObject({ ok: false, issue: { code: "unsupported_version" } });
    expect(migrateGraphDocument([])).toMatchObject({ ok: false, issue: { code: "invalid_field" } });
  });
});

describe("migrateWith (the runner behind it)", () => {
  // A fake history: version 1 stored `items` and `links`; version 2 renamed them; version 3 added settings.
  const migrations: GraphMigrations = {
    1: ({ items, links, ...rest }) => ({ ...rest, nodes: items, edges: links }),
    2: (document) => ({ ...document, settings: { maxConcurrency: 8 } }),
  };
  const v1 = { schemaVersion: 1, items: [{ id: "a" }], links: [] };

  it("applies each step in order and stamps the new version", () => {
    expect(migrateWith(v1, migrations, 3)).toEqual({
      ok: true,
      fromVersion: 1,
      document: { schemaVersion: 3, nodes: [{ id: "a" }], edges: [], settings: { maxConcurrency: 8 } },
    });
    expect(migrateWith({ ...v1, schemaVersion: 2, nodes: [], edges: [] }, migrations, 3)).toMatchObject({
      ok: true,
      fromVersion: 2,
      document: { schemaVersion: 3, settings: { maxConcurrency: 8 } },
    });
  });

  it("never mutates the caller's document", () => {
    const inPlace: GraphMigrations = {
      1: (document) => {
        (document.items as unknown[]).push({ id: "added" });
        return document;
      },
    };
    const original = structuredClone(v1);
    const result = migrateWith(original, inPlace, 2);
    expect(original).toEqual(v1);
    expect(result).toMatchObject({ ok: true, document: { schemaVersion: 2, items: [{ id: "a" }, { id: "added" }] } });
  });

  it("reports a gap in the migration history", () => {
    const result = migrateWith({ schemaVersion: 0 }, migrations, 3);
    expect(result).toMatchObject({ ok: false, issue: { code: "unsupported_version" } });
    if (!result.ok) expect(result.issue.message).toContain("no upgrade from version 0 to 1");
  });

  it("reports a step that fails", () => {
    const failing: GraphMigrations = {
      1: () => {
        throw new Error("items must be a list");
      },
    };
    const result = migrateWith(v1, failing, 2);
    expect(result).toMatchObject({ ok: false, issue: { code: "unsupported_version" } });
    if (!result.ok) expect(result.issue.message).toBe("Upgrading the graph from schema version 1 to 2 failed: items must be a list");
  });
});
