import { beforeAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { TEMPLATES } from "@/lib/graph";
import { POST as createGraph } from "../graphs/route";
import { GET as listGraphRuns, POST as startRun } from "../graphs/[id]/runs/route";
import { GET as getRun } from "./[id]/route";
import { POST as cancelRun } from "./[id]/cancel/route";
import { GET as getEvents } from "./[id]/events/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";

let cookie = "";
const authed = requestsAs(() => cookie);
beforeAll(async () => {
  cookie = (await signUpForTest({ name: "API tester" })).cookie;
});

const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const jsonRequest = (url: string, body: unknown) => authed(url, { method: "POST", body: JSON.stringify(body) });

async function createGraphFrom(graph: unknown, name = "Test graph"): Promise<string> {
  const response = await createGraph(jsonRequest("http://test/api/v1/graphs", { name, graph }), params({} as Record<string, never>));
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

async function start(graphId: string, body: unknown): Promise<Response> {
  return startRun(jsonRequest(`http://test/api/v1/graphs/${graphId}/runs`, body), params({ id: graphId }));
}

/** Reads an SSE response to its end, returning the events with the ids they were sent under. */
async function readSse(response: Response): Promise<{ id: number; event: RunEvent }[]> {
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  expect(response.headers.get("cache-control")).toContain("no-transform");
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("data: "))
    .map((block) => {
      const id = Number(/^id: (\d+)$/m.exec(block)![1]);
      const event = JSON.parse(/^data: (.*)$/m.exec(block)![1]) as RunEvent;
      return { id, event };
    });
}

const events = (runId: string, headers: Record<string, string> = {}, query = "") =>
  getEvents(authed(`http://test/api/v1/runs/${runId}/events${query}`, { headers }), params({ id: runId }));

describe("run API", () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))("runs the %s template to the end over SSE", async (_id, template) => {
    const graphId = await createGraphFrom(template.graph, template.name);
    const started = await start(graphId, { input: "Document the payments service: api.ts, db.ts, README.md, retry.ts", simulation: { speed: 0 } });
    expect(started.status).toBe(201);
    const { id: runId, status } = await started.json();
    expect(status).toBe("running");

    const stream = await readSse(await events(runId));
    expect(stream.map((s) => s.id)).toEqual(stream.map((s) => s.event.seq));
    expect(stream.map((s) => s.event.seq)).toEqual(stream.map((_, i) => i + 1));
    expect(stream[0].event.type).toBe("run.started");
    const final = stream[stream.length - 1].event;
    expect(final.type).toBe("run.completed");

    const detail = await (await getRun(authed("http://test"), params({ id: runId }))).json();
    expect(detail.status).toBe("succeeded");
    expect(detail.simulated).toBe(true);
    expect(detail.output.length).toBeGreaterThan(0);
    expect(detail.nodes).toHaveLength(template.graph.nodes.length);
    for (const node of detail.nodes) expect(node.status).toBe("succeeded");
    const nodeSum = detail.nodes.reduce((sum: number, node: { costUsd: number }) => sum + node.costUsd, 0);
    expect(nodeSum).toBeCloseTo(detail.costUsd, 9);
    expect(detail.costUsd).toBeGreaterThan(0);
    expect(detail.baselineCostUsd).toBeGreaterThanOrEqual(detail.costUsd);
    expect(detail.usage.inputTokens).toBeGreaterThan(0);

    // Resuming after event k yields exactly the events after k, by header and by query.
    const k = Math.floor(stream.length / 2);
    const resumed = await readSse(await events(runId, { "Last-Event-ID": String(k) }));
    expect(resumed.map((s) => s.event)).toEqual(stream.slice(k).map((s) => s.event));
    const byQuery = await readSse(await events(runId, {}, `?after=${k}`));
    expect(byQuery.map((s) => s.id)).toEqual(stream.slice(k).map((s) => s.id));
  });

  it("starts a run and answers with its event stream in the one request, when asked for text/event-stream", async () => {
    const graphId = await createGraphFrom(TEMPLATES[0].graph);
    const started = await startRun(
      authed(`http://test/api/v1/graphs/${graphId}/runs`, {
        method: "POST",
        headers: { Accept: "text/event-stream" },
        body: JSON.stringify({ input: "Document the payments service: api.ts, db.ts", simulation: { speed: 0 } }),
      }),
      params({ id: graphId }),
    );
    expect(started.status).toBe(201);
    const runId = /^\/api\/v1\/runs\/([^/]+)$/.exec(started.headers.get("location") ?? "")?.[1];
    expect(runId).toBeTruthy();

    const stream = await readSse(started);
    expect(stream.map((s) => s.id)).toEqual(stream.map((_, i) => i + 1));
    expect(stream[0].event).toMatchObject({ type: "run.started", runId });
    expect(stream[stream.length - 1].event.type).toBe("run.completed");
    // The run's whole log, as its own stream replays it; a client that has it all is told nothing more is coming.
    expect((await readSse(await events(runId!))).map((s) => s.event)).toEqual(stream.map((s) => s.event));
    expect((await events(runId!, { "Last-Event-ID": String(stream.length) })).status).toBe(204);
    expect((await (await getRun(authed("http://test"), params({ id: runId! }))).json()).status).toBe("succeeded");
  });

  it("answers a bad start asked for as a stream with the usual JSON error, starting nothing", async () => {
    const graphId = await createGraphFrom(TEMPLATES[0].graph);
    const response = await startRun(
      authed(`http://test/api/v1/graphs/${graphId}/runs`, { method: "POST", headers: { Accept: "text/event-stream" }, body: JSON.stringify({ input: "" }) }),
      params({ id: graphId }),
    );
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect((await response.json()).error.details).toEqual([expect.objectContaining({ path: ["input"] })]);
    expect((await (await listGraphRuns(authed("http://test"), params({ id: graphId }))).json()).runs).toHaveLength(0);
  });

  it("refuses to run a graph saved with problems: 422 listing them, and starts nothing", async () => {
    const template = TEMPLATES[0];
    const graph = structuredClone(template.graph);
    graph.nodes.push({ ...structuredClone(graph.nodes.find((n) => n.role === "planner")!), id: "lonely", label: "Lonely planner" });
    // Saved through the API like any graph being built.
    const graphId = await createGraphFrom(graph);
    const response = await start(graphId, { input: "x" });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe("invalid_graph");
    expect(error.message).toMatch(/cannot run: it has 1 problem\b/);
    expect(error.details.errors).toEqual([expect.objectContaining({ code: "planner_without_executor", nodeId: "lonely" })]);
    const runs = await (await listGraphRuns(authed("http://test"), params({ id: graphId }))).json();
    expect(runs.runs).toHaveLength(0);
  });

  it("validates the run request", async () => {
    const graphId = await createGraphFrom(TEMPLATES[0].graph);
    expect((await start(graphId, { input: "" })).status).toBe(422);
    expect((await start(graphId, { input: "ok", budgetUsd: -1 })).status).toBe(422);
    expect((await start("missing", { input: "ok" })).status).toBe(404);
  });

  it("cancels a running run and lists runs newest first", async () => {
    const graphId = await createGraphFrom(TEMPLATES.find((t) => t.id === "research-review")!.graph);
    const first = await (await start(graphId, { input: "quick", simulation: { speed: 0 } })).json();
    await readSse(await events(first.id));
    const slow = await (await start(graphId, { input: "Compare three databases", simulation: { speed: 1 } })).json();
    const cancelledAt = Date.now();
    const cancelled = await cancelRun(authed("http://test", { method: "POST" }), params({ id: slow.id }));
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).status).toBe("cancelled");
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    const stream = await readSse(await events(slow.id));
    expect(stream[stream.length - 1].event.type).toBe("run.cancelled");
    expect((await cancelRun(authed("http://test", { method: "POST" }), params({ id: slow.id }))).status).toBe(409);

    const { runs } = await (await listGraphRuns(authed("http://test"), params({ id: graphId }))).json();
    expect(runs.map((r: { id: string }) => r.id)).toEqual([slow.id, first.id]);
    expect(runs[0].status).toBe("cancelled");
  });

  it("answers 404 for unknown runs", async () => {
    expect((await getRun(authed("http://test"), params({ id: "nope" }))).status).toBe(404);
    expect((await events("nope")).status).toBe(404);
  });
});
