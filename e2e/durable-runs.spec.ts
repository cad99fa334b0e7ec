import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { followEvents, OwnServer, type StreamedEvent } from "./fixtures/own-server";

// A planner splits the batch into 12; a pool of extractors takes them 2 at a time at realistic latency.
const BATCH = "Triage this week's 12 support tickets. [sim:items=12]";
const PORT = Number(process.env.E2E_PORT ?? 3100) + 7;

const scope = (e: StreamedEvent) => `${e.nodeId}#${e.instance}.${e.iteration}`;

test.describe("a run survives kill -9 of its server", () => {
  test.setTimeout(240_000);
  test.describe.configure({ mode: "serial" });
  const server = new OwnServer(PORT, { TIERFLOW_SIM_SPEED: "1", TIERFLOW_RUN_LEASE_S: "2", TIERFLOW_SHUTDOWN_GRACE_S: "1" });
  let graphId = "";
  let api: APIRequestContext;

  test.afterAll(async () => {
    await api?.dispose();
    await server.stop("SIGKILL");
  });

  test("resumes mid-fan-out: finished instances complete once, cost adds up, the stream has no gap", async () => {
    await server.start();
    api = await playwrightRequest.newContext({ baseURL: server.base, storageState: { cookies: [], origins: [] } });
    const signUp = await api.post("/api/auth/sign-up/email", { data: { name: "Operator", email: "operator@example.test", password: "operator-password-1" } });
    expect(signUp.status(), await signUp.text()).toBe(200);
    const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");

    const { templates } = await (await api.get("/api/v1/templates")).json();
    const graph = structuredClone(templates.find((t: { id: string }) => t.id === "triage-at-scale").graph);
    graph.nodes.find((n: { id: string }) => n.id === "extractor").options.concurrency = 2;
    const created = await api.post("/api/v1/graphs", { data: { name: "Durable triage", graph } });
    expect(created.status()).toBe(201);
    graphId = (await created.json()).id;
    const started = await api.post(`/api/v1/graphs/${graphId}/runs`, { data: { input: BATCH } });
    expect(started.status()).toBe(201);
    const runId: string = (await started.json()).id;

    // A viewer follows the run; the server is killed once it has seen 3 pool instances finish.
    const seen: StreamedEvent[] = [];
    let killed: Promise<void> | null = null;
    await followEvents(server.base, cookie, runId, 0, (event) => {
      seen.push(event);
      const finishedInPool = seen.filter((e) => e.type === "node.completed" && e.nodeId === "extractor").length;
      if (finishedInPool >= 3 && !killed) killed = server.stop("SIGKILL");
    });
    expect(killed).not.toBeNull();
    await killed;
    const finishedBefore = seen.filter((e) => e.type === "node.completed").map(scope);
    expect(finishedBefore).toContain("batch-splitter#0.0");
    expect(seen.some((e) => e.type === "run.completed")).toBe(false);

    // A new server on the same database takes the run over once the dead one's lease expires.
    await server.start();
    const after: StreamedEvent[] = [];
    await expect
      .poll(async () => {
        await followEvents(server.base, cookie, runId, (after.at(-1) ?? seen.at(-1)!).seq, (event) => after.push(event));
        return after.some((e) => e.type === "run.completed");
      }, { timeout: 120_000, intervals: [500] })
      .toBe(true);

    const all = [...seen, ...after];
    // Every event exactly once, numbered without a gap across the crash.
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const resumed = after.find((e) => e.type === "run.resumed") as StreamedEvent & { restored: { nodeId: string }[] };
    expect(resumed).toBeDefined();
    expect(resumed.restored.length).toBeGreaterThanOrEqual(finishedBefore.length);
    // Instances finished before the kill never start or finish again.
    for (const key of finishedBefore) {
      expect(after.filter((e) => (e.type === "node.started" || e.type === "node.completed") && scope(e) === key)).toEqual([]);
    }
    const completions = all.filter((e) => e.type === "node.completed").map(scope);
    expect(new Set(completions).size).toBe(completions.length);
    expect(completions.filter((key) => key.startsWith("extractor#") && key.endsWith(".0"))).toHaveLength(12);

    // The run's cost is the sum of its node costs, and of every charge the stream showed.
    const run = await (await api.get(`/api/v1/runs/${runId}`)).json();
    expect(run.status).toBe("succeeded");
    const nodeSum = run.nodes.reduce((sum: number, node: { costUsd: number | null }) => sum + (node.costUsd ?? 0), 0);
    expect(run.costUsd).toBeCloseTo(nodeSum, 9);
    const charged = all.filter((e) => e.type === "node.usage").reduce((sum, e) => sum + ((e.costNanoUsd as number | null) ?? 0), 0);
    expect(run.costUsd).toBeCloseTo(charged / 1e9, 9);
  });

  test("SIGTERM stops within the grace period and leaves the run for the next server, which finishes it", async () => {
    const started = await api.post(`/api/v1/graphs/${graphId}/runs`, { data: { input: BATCH } });
    const runId: string = (await started.json()).id;
    await expect.poll(async () => (await (await api.get(`/api/v1/runs/${runId}`)).json()).nodes.some((n: { status: string }) => n.status === "running")).toBe(true);
    const stopping = Date.now();
    await server.stop("SIGTERM");
    // Grace of 1 s, then the checkpoint: far sooner than the run would take to end.
    expect(Date.now() - stopping).toBeLessThan(15_000);
    await server.start();
    await expect.poll(async () => (await (await api.get(`/api/v1/runs/${runId}`)).json()).status, { timeout: 120_000 }).toBe("succeeded");
    const trace = await (await api.get(`/api/v1/runs/${runId}/trace`)).json();
    const types: string[] = trace.events.map((e: { type: string }) => e.type);
    expect(types.filter((t) => t === "run.resumed")).toHaveLength(1);
    expect(types).not.toContain("run.cancelled");
  });
  test("a run waiting at an approval step survives kill -9, and finishes once approved over the API", async () => {
    const gated = {
      schemaVersion: 3,
      nodes: [
        { id: "draft", role: "executor", label: "Drafter", tier: "mini", position: { x: 0, y: 0 } },
        { id: "gate", role: "approval", label: "Sign-off", tier: "nano", position: { x: 280, y: 0 } },
        { id: "publish", role: "executor", label: "Publisher", tier: "mini", position: { x: 560, y: 0 } },
      ],
      edges: [
        { id: "draft->gate", source: "draft", target: "gate" },
        { id: "gate->publish", source: "gate", target: "publish" },
      ],
    };
    const created = await api.post("/api/v1/graphs", { data: { name: "Gated", graph: gated } });
    expect(created.status()).toBe(201);
    const started = await api.post(`/api/v1/graphs/${(await created.json()).id}/runs`, { data: { input: "Announce the launch." } });
    const runId: string = (await started.json()).id;
    await expect.poll(async () => (await (await api.get(`/api/v1/runs/${runId}`)).json()).status, { timeout: 60_000 }).toBe("waiting");

    await server.stop("SIGKILL");
    await server.start();
    // Well past the dead server's lease: the takeover leaves a waiting run alone.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect((await (await api.get(`/api/v1/runs/${runId}`)).json()).status).toBe("waiting");

    const edited = "Launch note, edited by a person after the restart.";
    const decided = await api.post(`/api/v1/runs/${runId}/approvals/gate`, { data: { decision: "approve", text: edited } });
    expect(decided.status(), await decided.text()).toBe(200);
    await expect.poll(async () => (await (await api.get(`/api/v1/runs/${runId}`)).json()).status, { timeout: 60_000 }).toBe("succeeded");
    expect((await api.post(`/api/v1/runs/${runId}/approvals/gate`, { data: { decision: "approve" } })).status()).toBe(409);

    const trace = await (await api.get(`/api/v1/runs/${runId}/trace`)).json();
    const events: StreamedEvent[] = trace.events;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === "approval.decided")).toHaveLength(1);
    expect(events.filter((e) => e.type === "node.started" && e.nodeId === "draft")).toHaveLength(1);
    const publish = events.filter((e) => e.type === "node.started" && e.nodeId === "publish") as (StreamedEvent & { messages: { content: string }[] })[];
    expect(publish).toHaveLength(1);
    expect(publish[0].messages.map((m) => m.content).join("\n")).toContain(edited);
    const run = await (await api.get(`/api/v1/runs/${runId}`)).json();
    const nodeSum = run.nodes.reduce((sum: number, node: { costUsd: number | null }) => sum + (node.costUsd ?? 0), 0);
    expect(run.costUsd).toBeCloseTo(nodeSum, 9);
  });
});
