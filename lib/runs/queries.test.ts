import { beforeAll, describe, expect, it, vi } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { GRAPH_SCHEMA_VERSION, TEMPLATES, type GraphDocument } from "@/lib/graph";
import { getRunDetail, listRuns } from "./queries";
import { runFinished, startRun } from "./service";
import { createShareLink, getSharedRun } from "./share";

// A pretend previous version, which called `edges` "links", stands for the run snapshots a
// schema bump leaves behind (they are never rewritten).
vi.mock("@/lib/graph/migrate", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/graph/migrate")>();
  const { GRAPH_SCHEMA_VERSION: current } = await import("@/lib/graph/schema");
  const fromLinks: import("@/lib/graph/migrate").GraphMigration = ({ links, ...rest }) => ({ ...rest, edges: links });
  const migrations = { ...actual.GRAPH_MIGRATIONS, [current - 1]: fromLinks };
  return { ...actual, migrateGraphDocument: (raw: unknown) => actual.migrateWith(raw, migrations, current) };
});

const template = TEMPLATES.find((t) => t.id === "research-review")!;
const legacy = ({ edges, ...rest }: GraphDocument) => ({ ...rest, schemaVersion: GRAPH_SCHEMA_VERSION - 1, links: edges });
let workspaceId = "";

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

/** A finished run whose stored snapshot is then replaced by `snapshot`, as if written by another version. */
async function runWithSnapshot(snapshot: unknown): Promise<{ runId: string; graphId: string }> {
  const graph = await db.graph.create({ data: { workspaceId, name: "Snapshot graph", document: template.graph as object } });
  const run = await startRun(workspaceId, graph.id, { input: "Compare three message queues", simulation: { speed: 0 } });
  await runFinished(run.id);
  await db.run.update({ where: { id: run.id }, data: { graphSnapshot: snapshot as object } });
  return { runId: run.id, graphId: graph.id };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.fail("An unreadable snapshot was read."),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("reading a run's graph snapshot", () => {
  it("migrates a snapshot stored at an older schema version, in the run detail and in its share views", async () => {
    const { runId } = await runWithSnapshot(legacy(template.graph));

    const detail = await getRunDetail(workspaceId, runId);
    expect(detail.graph).toEqual(template.graph);
    expect(detail.status).toBe("succeeded");
    expect(detail.nodes.map((node) => node.nodeId)).toEqual(template.graph.nodes.map((node) => node.id));

    const open = await createShareLink(workspaceId, runId, { hidePrompts: false, createdById: null });
    expect((await getSharedRun(open.token)).graph).toEqual(template.graph);
    const hidden = await createShareLink(workspaceId, runId, { hidePrompts: true, createdById: null });
    const shared = await getSharedRun(hidden.token);
    expect(shared.graph.schemaVersion).toBe(GRAPH_SCHEMA_VERSION);
    expect(shared.graph.edges).toEqual(template.graph.edges);
    expect(shared.graph.nodes.map((node) => node.instructions)).toEqual(template.graph.nodes.map(() => ""));
  });

  it("answers a corrupted snapshot with the typed error, in the run detail and its share view, and still lists the run", async () => {
    const { runId, graphId } = await runWithSnapshot({ schemaVersion: GRAPH_SCHEMA_VERSION, nodes: "lost in a crash", edges: [] });

    const error = await rejection(getRunDetail(workspaceId, runId));
    expect(error.code).toBe("unreadable_document");
    expect(error.status).toBe(422);
    expect(error.message).toBe("The graph snapshot of this run cannot be read by this version of Tierflow. The graph: nodes must be a list.");

    const link = await createShareLink(workspaceId, runId, { hidePrompts: true, createdById: null });
    expect((await rejection(getSharedRun(link.token))).message).toBe(error.message);
    expect((await listRuns(workspaceId, graphId)).map((run) => run.id)).toEqual([runId]);
  });

  it("refuses a snapshot written by a newer Tierflow instead of showing it wrongly", async () => {
    const { runId } = await runWithSnapshot({ ...template.graph, schemaVersion: GRAPH_SCHEMA_VERSION + 1 });
    const error = await rejection(getRunDetail(workspaceId, runId));
    expect(error.code).toBe("unreadable_document");
    expect(error.message).toContain("saved by a newer version of Tierflow");
  });
});
