import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { GRAPH_SCHEMA_VERSION, graphDocumentSchema, TEMPLATES, type GraphDocument } from "@/lib/graph";
import { getGraph, listGraphs } from "./service";
import { parseStoredGraph, readStoredGraph } from "./stored-document";

// Only version 1 exists so far: a pretend previous version, which called `edges` "links",
// shows that the boundary migrates before it parses.
vi.mock("@/lib/graph/migrate", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/graph/migrate")>();
  const { GRAPH_SCHEMA_VERSION: current } = await import("@/lib/graph/schema");
  const fromLinks: import("@/lib/graph/migrate").GraphMigration = ({ links, ...rest }) => ({ ...rest, edges: links });
  const migrations = { ...actual.GRAPH_MIGRATIONS, [current - 1]: fromLinks };
  return { ...actual, migrateGraphDocument: (raw: unknown) => actual.migrateWith(raw, migrations, current) };
});

const graph = TEMPLATES[0].graph;
const legacy = ({ edges, ...rest }: GraphDocument) => ({ ...rest, schemaVersion: GRAPH_SCHEMA_VERSION - 1, links: edges });

function unreadable(raw: unknown, kind: "graph" | "run" = "run"): AppError {
  try {
    readStoredGraph(raw, { kind, id: "row-1" });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unreadable_document");
    expect((error as AppError).status).toBe(422);
    return error as AppError;
  }
  return expect.fail("An unreadable document was read.");
}

describe("the stored document boundary", () => {
  beforeAll(() => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });

  it("reads a stored document of the current version as it was stored", () => {
    const stored: unknown = JSON.parse(readFileSync(new URL(`../graph/fixtures/v${GRAPH_SCHEMA_VERSION}.json`, import.meta.url), "utf8"));
    expect(readStoredGraph(stored, { kind: "graph", id: "g" })).toEqual(stored);
    expect(parseStoredGraph(stored)).toMatchObject({ ok: true, fromVersion: GRAPH_SCHEMA_VERSION });
  });

  it("migrates a document of an older version before parsing it", () => {
    const read = parseStoredGraph(legacy(graph));
    expect(read).toEqual({ ok: true, graph, fromVersion: GRAPH_SCHEMA_VERSION - 1 });
    expect(readStoredGraph(legacy(graph), { kind: "run", id: "r" })).toEqual(graph);
  });

  it("applies the schema's defaults, as a stored document is parsed, not cast", () => {
    const { settings: _settings, ...withoutSettings } = structuredClone(graph);
    expect(readStoredGraph(withoutSettings, { kind: "graph", id: "g" }).settings).toEqual(graphDocumentSchema.parse(withoutSettings).settings);
  });

  it("refuses a document from a newer Tierflow with a message that says so", () => {
    const error = unreadable({ ...graph, schemaVersion: GRAPH_SCHEMA_VERSION + 1 });
    expect(error.message).toBe(
      `The graph snapshot of this run cannot be read by this version of Tierflow. This graph was saved by a newer version of Tierflow (schema version ${GRAPH_SCHEMA_VERSION + 1}; this one reads up to ${GRAPH_SCHEMA_VERSION}). Update Tierflow to open it.`,
    );
    expect(error.details).toMatchObject({ document: "run_snapshot", issues: [{ code: "unsupported_version" }] });
  });

  it("refuses a corrupted document, naming the node and the first problem", () => {
    const broken = structuredClone(graph) as { nodes: Record<string, unknown>[] };
    broken.nodes[0].tier = "gigantic";
    broken.nodes[1].position = "left";
    const error = unreadable(broken, "graph");
    const first = broken.nodes[0];
    expect(error.message).toMatch(/^This graph's stored document cannot be read by this version of Tierflow\. /);
    expect(error.message).toContain(`"${String(first.label)}" uses unknown tier "gigantic"`);
    expect(error.message).toMatch(/It has 1 more problem\.$/);
    expect(error.details).toMatchObject({ document: "graph", issues: [{ nodeId: first.id }, { nodeId: broken.nodes[1].id }] });
  });

  it.each([
    ["null", null],
    ["a string", "{\"schemaVersion\":1}"],
    ["a list", [graph]],
    ["a document without a version", { nodes: [], edges: [] }],
    ["a document whose lists are not lists", { schemaVersion: GRAPH_SCHEMA_VERSION, nodes: {}, edges: 3 }],
  ])("answers %s with the typed error, never a crash or a cast", (_name, raw) => {
    expect(parseStoredGraph(raw).ok).toBe(false);
    expect(unreadable(raw).message).toMatch(/^The graph snapshot of this run cannot be read/);
  });
});

describe("the graph service", () => {
  it("reads a graph stored at an older schema version migrated, in the graph and the list", async () => {
    await ensureDatabase();
    const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
    const row = await db.graph.create({ data: { workspaceId, name: "Old graph", document: legacy(graph) } });
    expect((await getGraph(workspaceId, row.id)).graph).toEqual(graph);
    expect((await listGraphs(workspaceId)).find((summary) => summary.id === row.id)?.nodeCount).toBe(graph.nodes.length);
  });
});
