import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { GRAPH_SCHEMA_VERSION, TEMPLATES } from "@/lib/graph";
import { createShareLink, runFinished, startRun } from "@/lib/runs";
import { GET as getShared } from "../share/[token]/route";
import { GET as listGraphs } from "./graphs/route";
import { GET as getGraph, PUT as putGraph } from "./graphs/[id]/route";
import { POST as startRunRoute } from "./graphs/[id]/runs/route";
import { GET as getRun } from "./runs/[id]/route";

/** Stored documents this version cannot read answer a clear 422 on every route that reads them, never a 500. */

const template = TEMPLATES[0];
let cookie = "";
let workspaceId = "";
const authed = requestsAs(() => cookie);
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const CORRUPTED = { schemaVersion: GRAPH_SCHEMA_VERSION, nodes: [{ id: "x", role: "oracle" }], edges: [] };

beforeAll(async () => {
  cookie = (await signUpForTest({ name: "Stored documents" })).cookie;
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
});

const errorLog = vi.spyOn(console, "error");
vi.spyOn(console, "warn").mockImplementation(() => {});
afterEach(() => {
  // console.error is where an unhandled error (a 500) is logged with its stack.
  expect(errorLog).not.toHaveBeenCalled();
  errorLog.mockClear();
});

async function expectUnreadable(response: Response, message: RegExp): Promise<void> {
  expect(response.status).toBe(422);
  const text = await response.text();
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
  const { error } = JSON.parse(text) as { error: { code: string; message: string; details: unknown } };
  expect(error.code).toBe("unreadable_document");
  expect(error.message).toMatch(message);
}

async function storedGraph(document: unknown): Promise<string> {
  const graph = await db.graph.create({ data: { workspaceId, name: "Stored", document: document as object } });
  return graph.id;
}

describe("a graph whose stored document is unreadable", () => {
  it("answers GET and POST runs with 422 naming the problem, stays in the list, and is repaired by saving a valid document", async () => {
    const id = await storedGraph(CORRUPTED);
    const graphMessage = /^This graph's stored document cannot be read by this version of Tierflow\. Node "x": role must be one of planner, executor, reviewer or approval, not "oracle"\.$/;
    await expectUnreadable(await getGraph(authed(`http://test/api/v1/graphs/${id}`), params({ id })), graphMessage);
    const started = await startRunRoute(authed(`http://test/api/v1/graphs/${id}/runs`, { method: "POST", body: JSON.stringify({ input: "Go" }) }), params({ id }));
    await expectUnreadable(started, graphMessage);
    expect(await db.run.count({ where: { graphId: id } })).toBe(0);

    const listed = await (await listGraphs(authed("http://test/api/v1/graphs"), params({}))).json();
    expect(listed.graphs.find((graph: { id: string }) => graph.id === id)).toMatchObject({ nodeCount: null });

    const saved = await putGraph(authed(`http://test/api/v1/graphs/${id}`, { method: "PUT", body: JSON.stringify({ graph: template.graph }) }), params({ id }));
    expect(saved.status).toBe(200);
    expect((await (await getGraph(authed(`http://test/api/v1/graphs/${id}`), params({ id }))).json()).graph).toEqual(template.graph);
  });

  it("answers a document from a newer Tierflow with 422 saying to update", async () => {
    const id = await storedGraph({ ...template.graph, schemaVersion: GRAPH_SCHEMA_VERSION + 1 });
    await expectUnreadable(await getGraph(authed(`http://test/api/v1/graphs/${id}`), params({ id })), /newer version of Tierflow .* Update Tierflow/);
  });
});

describe("a run whose graph snapshot is unreadable", () => {
  it("answers the run detail and its share link with 422, never a 500 with a stack", async () => {
    const graph = await db.graph.create({ data: { workspaceId, name: "Run me", document: template.graph as object } });
    const run = await startRun(workspaceId, graph.id, { input: "Document the service", simulation: { speed: 0 } });
    await runFinished(run.id);
    const link = await createShareLink(workspaceId, run.id, { hidePrompts: false, createdById: null });
    expect((await getRun(authed(`http://test/api/v1/runs/${run.id}`), params({ id: run.id }))).status).toBe(200);

    await db.run.update({ where: { id: run.id }, data: { graphSnapshot: CORRUPTED } });
    const snapshotMessage = /^The graph snapshot of this run cannot be read by this version of Tierflow\. Node "x": role must be/;
    await expectUnreadable(await getRun(authed(`http://test/api/v1/runs/${run.id}`), params({ id: run.id })), snapshotMessage);
    const shared = await getShared(new Request(`http://test/api/share/${link.token}`), params({ token: link.token }));
    await expectUnreadable(shared, snapshotMessage);
    expect(shared.headers.get("x-robots-tag")).toBe("noindex, nofollow");
  });
});
