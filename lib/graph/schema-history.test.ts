import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { migrateGraphDocument } from "./migrate";
import { ROLE_DEFINITIONS, ROLES } from "./roles";
import { EDGE_KINDS, GRAPH_SCHEMA_VERSION, graphDocumentSchema } from "./schema";

/**
 * Stored graphs and run snapshots are read with today's schema after a migration from the
 * version they carry, so the stored format may only change together with a version bump and
 * a migration. These tests hold that line: a fingerprint of the format per version, and a
 * sample stored document of every version that must still read as the current one.
 */

const FIXTURES = fileURLToPath(new URL("./fixtures", import.meta.url));
const FINGERPRINTS_FILE = path.join(FIXTURES, "schema-fingerprints.json");
const sampleFile = (version: number) => path.join(FIXTURES, `v${version}.json`);
const RECORD_COMMAND = "UPDATE_GRAPH_SCHEMA_FINGERPRINT=1 npx vitest run lib/graph/schema-history.test.ts";

/** Keywords that describe a schema without changing which documents it accepts or what is stored. */
const ANNOTATIONS = new Set(["$schema", "title", "description", "default", "examples"]);
/** Keys whose members are names (of properties or definitions), never annotations. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions"]);
/** Arrays whose order carries no meaning: field, role or option order is not a format change. */
const UNORDERED = new Set(["required", "enum", "oneOf", "anyOf"]);

function canonical(value: unknown, key = "", inNameMap = false): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item));
    return UNORDERED.has(key) ? items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : items;
  }
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value)
    .filter(([name]) => inNameMap || !ANNOTATIONS.has(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, member]) => [name, canonical(member, name, !inNameMap && NAME_MAPS.has(name))]);
  return Object.fromEntries(entries);
}

/** SHA-256 of the stored format: the JSON Schema of what parsing produces, annotations left out. */
function formatFingerprint(schema: z.ZodType): string {
  const format = canonical(z.toJSONSchema(schema, { io: "output" }));
  return createHash("sha256").update(JSON.stringify(format)).digest("hex");
}

function readFingerprints(): Record<string, string> {
  return existsSync(FINGERPRINTS_FILE) ? (JSON.parse(readFileSync(FINGERPRINTS_FILE, "utf8")) as Record<string, string>) : {};
}

const versions = Array.from({ length: GRAPH_SCHEMA_VERSION }, (_, i) => i + 1);

describe("the stored graph format", () => {
  it("has not changed without a schema version bump and a migration", () => {
    const fingerprints = readFingerprints();
    const current = formatFingerprint(graphDocumentSchema);
    const recorded = fingerprints[GRAPH_SCHEMA_VERSION];
    if (recorded === undefined && process.env.UPDATE_GRAPH_SCHEMA_FINGERPRINT === "1") {
      writeFileSync(FINGERPRINTS_FILE, `${JSON.stringify({ ...fingerprints, [GRAPH_SCHEMA_VERSION]: current }, null, 2)}\n`);
      return;
    }
    expect(
      recorded,
      `No fingerprint is recorded for graph schema version ${GRAPH_SCHEMA_VERSION}. Once its format is final, record it with:\n  ${RECORD_COMMAND}`,
    ).toBeDefined();
    const next = GRAPH_SCHEMA_VERSION + 1;
    expect(
      current,
      [
        `The stored graph format (lib/graph/schema.ts and the role option schemas) changed, but GRAPH_SCHEMA_VERSION is still ${GRAPH_SCHEMA_VERSION}.`,
        `Stored graphs and run snapshots of version ${GRAPH_SCHEMA_VERSION} would then be read wrongly. To change the format:`,
        `  1. Set GRAPH_SCHEMA_VERSION to ${next} in lib/graph/schema.ts.`,
        `  2. Add GRAPH_MIGRATIONS[${GRAPH_SCHEMA_VERSION}] in lib/graph/migrate.ts, turning a version ${GRAPH_SCHEMA_VERSION} document into a version ${next} one.`,
        `  3. Keep lib/graph/fixtures/v${GRAPH_SCHEMA_VERSION}.json unchanged (it is history) and add lib/graph/fixtures/v${next}.json, a sample stored document in the new format.`,
        `  4. Record the new fingerprint: ${RECORD_COMMAND}`,
        `If what is stored did not change (say a zod upgrade prints JSON Schema differently), replace the entry for version ${GRAPH_SCHEMA_VERSION} in lib/graph/fixtures/schema-fingerprints.json by hand and say why in the commit.`,
      ].join("\n"),
    ).toBe(recorded);
  });

  it("keeps the fingerprint of every version ever released", () => {
    const recorded = Object.keys(readFingerprints()).map(Number).sort((a, b) => a - b);
    expect(recorded, "lib/graph/fixtures/schema-fingerprints.json must keep one entry per schema version, 1 to the current one.").toEqual(
      versions,
    );
  });

  it("is fingerprinted by what is stored, not by wording or field order", () => {
    const base = formatFingerprint(graphDocumentSchema);
    expect(formatFingerprint(graphDocumentSchema.meta({ title: "Renamed", description: "Reworded" }))).toBe(base);
    const { schemaVersion, nodes, edges, settings } = graphDocumentSchema.shape;
    expect(formatFingerprint(z.object({ settings, edges, nodes, schemaVersion }))).toBe(base);

    expect(formatFingerprint(graphDocumentSchema.extend({ notes: z.string().optional() }))).not.toBe(base);
    expect(formatFingerprint(graphDocumentSchema.extend({ nodes: nodes.max(10) }))).not.toBe(base);
  });
});

describe("sample stored documents of every version", () => {
  it.each(versions)("version %i still reads as the current version", (version) => {
    const file = sampleFile(version);
    expect(
      existsSync(file),
      `Add ${path.relative(process.cwd(), file)}: a graph document as version ${version} stored it (every role, both edge kinds, every option).`,
    ).toBe(true);
    const stored: unknown = JSON.parse(readFileSync(file, "utf8"));
    expect(stored).toMatchObject({ schemaVersion: version });

    const migrated = migrateGraphDocument(stored);
    if (!migrated.ok) expect.fail(`Version ${version} no longer migrates: ${migrated.issue.message}`);
    const parsed = graphDocumentSchema.safeParse(migrated.document);
    if (!parsed.success) expect.fail(`Version ${version}, migrated, does not parse:\n${z.prettifyError(parsed.error)}`);
    expect(parsed.data.schemaVersion).toBe(GRAPH_SCHEMA_VERSION);
  });

  it("the current version's sample is stored as parsing leaves it, and shows every part of the format", () => {
    const stored = JSON.parse(readFileSync(sampleFile(GRAPH_SCHEMA_VERSION), "utf8")) as z.input<typeof graphDocumentSchema>;
    const graph = graphDocumentSchema.parse(stored);
    expect(graph, "The sample must be a complete stored document: parsing it must change nothing.").toEqual(stored);

    expect(new Set(graph.nodes.map((node) => node.role))).toEqual(new Set(ROLES));
    expect(new Set(graph.edges.map((edge) => edge.kind))).toEqual(new Set(EDGE_KINDS));
    expect(graph.nodes.some((node) => node.model !== undefined)).toBe(true);
    for (const role of ROLES) {
      const shown = new Set(graph.nodes.filter((node) => node.role === role).flatMap((node) => Object.keys(node.options)));
      expect(shown, `Some ${role} in the sample must set each of its options.`).toEqual(new Set(Object.keys(ROLE_DEFINITIONS[role].optionsSchema.shape)));
    }
  });
});
