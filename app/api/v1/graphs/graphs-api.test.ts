import { beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCHEMA_VERSION, TEMPLATES } from "@/lib/graph";
import { GET as listGraphs, POST as createGraph } from "./route";
import { DELETE as deleteGraph, GET as getGraph, PUT as updateGraph } from "./[id]/route";
import { POST as estimateGraph } from "./[id]/estimate/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";

let cookie = "";
const authed = requestsAs(() => cookie);
beforeAll(async () => {
  cookie = (await signUpForTest({ name: "API tester" })).cookie;
});

const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (body: unknown) =>
  authed("http://test/api/v1/graphs", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
const put = (id: string, body: unknown) => authed(`http://test/api/v1/graphs/${id}`, { method: "PUT", body: JSON.stringify(body) });
const research = TEMPLATES.find((t) => t.id === "research-review")!;

describe("graph API", () => {
  it("creates a graph from a template and reads it back", async () => {
    const created = await createGraph(post({ name: "Research", graph: research.graph }), noParams);
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ name: "Research", version: 1, graph: { schemaVersion: GRAPH_SCHEMA_VERSION } });
    expect(body.graph.nodes).toHaveLength(research.graph.nodes.length);
    expect(typeof body.createdAt).toBe("string");

    const fetched = await getGraph(authed("http://test"), idParams(body.id));
    expect(await fetched.json()).toMatchObject({ id: body.id, name: "Research" });

    const list = await (await listGraphs(authed("http://test"), noParams)).json();
    expect(list.graphs.map((g: { id: string }) => g.id)).toContain(body.id);
  });

  it("saves a graph with problems, listing them on save, read and in the list", async () => {
    const graph = structuredClone(research.graph) as { edges: { id: string; source: string; target: string }[] };
    graph.edges.push({ id: "dangling", source: graph.edges[0].source, target: "nowhere" });
    graph.edges.push({ id: "self", source: graph.edges[0].source, target: graph.edges[0].source });
    const response = await createGraph(post({ name: "Half-built", graph }), noParams);
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created.graph.edges.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(["dangling", "self"]));
    const codes = created.problems.map((e: { code: string }) => e.code);
    expect(codes).toEqual(expect.arrayContaining(["dangling_edge", "self_loop"]));
    expect(created.problems.find((e: { code: string }) => e.code === "dangling_edge").edgeId).toBe("dangling");

    const fetched = await (await getGraph(authed("http://test"), idParams(created.id))).json();
    expect(fetched.problems).toEqual(created.problems);
    const list = await (await listGraphs(authed("http://test"), noParams)).json();
    expect(list.graphs.find((g: { id: string }) => g.id === created.id).problemCount).toBe(created.problems.length);

    // Fixing them is an ordinary save; the problems are gone.
    const fixed = await updateGraph(put(created.id, { graph: research.graph, version: created.version }), idParams(created.id));
    expect(fixed.status).toBe(200);
    expect((await fixed.json()).problems).toEqual([]);
  });

  it("prices a graph that has problems (a preview while building), but not a malformed one", async () => {
    const lonePlanner = { schemaVersion: 1, nodes: [{ ...research.graph.nodes[0] }], edges: [] };
    const { id } = await (await createGraph(post({ name: "Lone planner", graph: lonePlanner }), noParams)).json();
    const estimate = (body: unknown) =>
      estimateGraph(authed(`http://test/api/v1/graphs/${id}/estimate`, { method: "POST", body: JSON.stringify(body) }), idParams(id));
    const priced = await estimate({ input: "Plan a trip" });
    expect(priced.status).toBe(200);
    expect((await priced.json()).costNanoUsd.expected).toBeGreaterThan(0);
    const malformed = await estimate({ input: "Plan a trip", graph: { ...lonePlanner, nodes: [{ ...lonePlanner.nodes[0], tier: "mega" }] } });
    expect(malformed.status).toBe(422);
  });

  it("answers 422 with every error of a malformed document, and stores nothing", async () => {
    const before = (await (await listGraphs(authed("http://test"), noParams)).json()).graphs.length;
    const graph = structuredClone(research.graph) as { nodes: { id: string; label: string }[] };
    graph.nodes[1].label = "";
    graph.nodes.push({ ...graph.nodes[2] });
    const response = await createGraph(post({ name: "Broken", graph }), noParams);
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe("invalid_graph");
    const codes = error.details.errors.map((e: { code: string }) => e.code);
    expect(codes).toEqual(expect.arrayContaining(["invalid_field", "duplicate_node_id"]));
    const after = (await (await listGraphs(authed("http://test"), noParams)).json()).graphs.length;
    expect(after).toBe(before);

    const { id, version } = await (await createGraph(post({ name: "Kept", graph: research.graph }), noParams)).json();
    const refused = await updateGraph(put(id, { graph, version }), idParams(id));
    expect(refused.status).toBe(422);
    const kept = await (await getGraph(authed("http://test"), idParams(id))).json();
    expect(kept).toMatchObject({ version, problems: [] });
    expect(kept.graph.nodes).toHaveLength(research.graph.nodes.length);
  });

  it("refuses malformed JSON, a missing name and oversized bodies", async () => {
    expect((await createGraph(post("{nope"), noParams)).status).toBe(400);
    expect((await createGraph(post({ graph: research.graph }), noParams)).status).toBe(422);
    const huge = post({ name: "Huge", graph: research.graph, padding: "x".repeat(3 * 1024 * 1024) });
    const response = await createGraph(huge, noParams);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
  });

  it("saves with optimistic concurrency: a stale version answers 409 and keeps the newer save", async () => {
    const { id } = await (await createGraph(post({ name: "Shared", graph: research.graph }), noParams)).json();
    const first = await updateGraph(put(id, { name: "Tab one", version: 1 }), idParams(id));
    expect(first.status).toBe(200);
    expect((await first.json()).version).toBe(2);

    const stale = await updateGraph(put(id, { name: "Tab two", version: 1 }), idParams(id));
    expect(stale.status).toBe(409);
    const { error } = await stale.json();
    expect(error.details.currentVersion).toBe(2);
    expect((await (await getGraph(authed("http://test"), idParams(id))).json()).name).toBe("Tab one");
  });

  it("answers 404 for unknown ids on read, save and delete", async () => {
    expect((await getGraph(authed("http://test"), idParams("missing"))).status).toBe(404);
    expect((await updateGraph(put("missing", { name: "x" }), idParams("missing"))).status).toBe(404);
    expect((await deleteGraph(authed("http://test"), idParams("missing"))).status).toBe(404);
  });

  it("deletes a graph", async () => {
    const { id } = await (await createGraph(post({ name: "Temp", graph: research.graph }), noParams)).json();
    expect((await deleteGraph(authed("http://test"), idParams(id))).status).toBe(204);
    expect((await getGraph(authed("http://test"), idParams(id))).status).toBe(404);
  });
});

describe("graph estimate with run history", () => {
  it("estimates nodes from the graph's past runs, says so per node, and reports its error on held-out runs", async () => {
    const { id } = await (await createGraph(post({ name: "Calibrated", graph: research.graph }), noParams)).json();
    const estimate = async () =>
      (await estimateGraph(authed(`http://test/api/v1/graphs/${id}/estimate`, { method: "POST", body: JSON.stringify({ input: "Plan a trip" }) }), idParams(id))).json();
    const priors = await estimate();
    expect(priors.historyRuns).toBe(0);
    expect(priors.accuracy).toBeNull();
    expect(priors.nodes.every((n: { basis: { kind: string } }) => n.basis.kind === "priors")).toBe(true);

    // Five succeeded simulated runs in which every node used 4× the priors' expected tokens; one failed run that must not count.
    const { workspaceId } = await db.graph.findUniqueOrThrow({ where: { id }, select: { workspaceId: true } });
    for (const [i, status] of ["succeeded", "succeeded", "failed", "succeeded", "succeeded", "succeeded"].entries()) {
      await db.run.create({
        data: {
          workspaceId,
          graphId: id,
          graphName: "Calibrated",
          graphSnapshot: research.graph as object,
          input: "Plan a trip",
          status,
          simulated: true,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
          nodes: {
            create: priors.nodes.map((n: { nodeId: string; label: string; role: string; tier: string; model: string; instances: { expected: number }; inputTokens: { expected: number }; outputTokens: { expected: number } }) => ({
              nodeId: n.nodeId,
              label: n.label,
              role: n.role,
              tier: n.tier,
              model: n.model,
              status: "succeeded",
              instances: Math.max(1, Math.round(n.instances.expected)),
              usage: { inputTokens: 4 * n.inputTokens.expected, cachedInputTokens: 0, outputTokens: 4 * n.outputTokens.expected, reasoningTokens: 0 },
            })),
          },
        },
      });
    }
    const calibrated = await estimate();
    expect(calibrated.historyRuns).toBe(5);
    for (const node of calibrated.nodes) expect(node.basis).toEqual({ kind: "history", runs: 5 });
    expect(calibrated.costNanoUsd.expected).toBeGreaterThan(3 * priors.costNanoUsd.expected);
    // Four held-out runs (each after at least one earlier run), each predicted exactly by the identical runs before it.
    expect(calibrated.accuracy).toMatchObject({ runs: 4 });
    expect(calibrated.accuracy.meanAbsPercentError).toBeLessThan(0.01);
    expect(calibrated.accuracy.priorsMeanAbsPercentError).toBeGreaterThan(0.6);
  });
});
