/**
 * Run-engine benchmarks (issue: run engine). `npm run bench:engine` prints:
 *  1. engine overhead per node: a 200-node graph on the instant simulator, persistence on;
 *  2. parallelism: a planner fanning 50 subtasks out to a pool of 50, ~1 s per call;
 *  3. streaming latency: from a delta reaching the engine to an SSE client receiving it.
 * Figures, not assertions: compare them with the goals printed beside them. Every timed run must
 * succeed with every node completed, else the bench stops with a non-zero exit: a run that fails
 * early would make the engine look fast.
 */
import http from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import OpenAI from "openai";

process.env.DATABASE_URL = `file:${path.join(mkdtempSync(path.join(tmpdir(), "tierflow-bench-")), "bench.db")}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";
delete process.env.OPENAI_API_KEY;

const { ensureDatabase, db, DEFAULT_WORKSPACE_SLUG } = await import("@/lib/db");
const { createGraph } = await import("@/lib/graphs/service");
const { startRun, runFinished, streamRunEvents } = await import("@/lib/runs");
const { createSimulator, SIMULATOR_BASE_URL } = await import("@/lib/models");
const { createNode, getTemplate, GRAPH_SCHEMA_VERSION } = await import("@/lib/graph");
const { instantClient, runFixture } = await import("@/lib/engine/test-harness");
type GraphDocument = import("@/lib/graph").GraphDocument;

await ensureDatabase();
const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });

interface Call {
  start: number;
  end: number;
  structured: boolean;
}

/** An SDK client on the simulator whose fetch records how long each call spends inside it. */
function timedClient(speed: number, buffer: boolean) {
  const simulator = createSimulator({ speed, seed: 7 });
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const start = performance.now();
    const structured = typeof init?.body === "string" && init.body.includes('"response_format"');
    const response = await simulator.fetch(input, init);
    if (buffer) {
      const body = await response.arrayBuffer();
      calls.push({ start, end: performance.now(), structured });
      return new Response(body, { status: response.status, headers: response.headers });
    }
    const call = { start, end: Number.NaN, structured };
    calls.push(call);
    const timed = response.body!.pipeThrough(
      new TransformStream({
        flush() {
          call.end = performance.now();
        },
      }),
    );
    return new Response(timed, { status: response.status, headers: response.headers });
  };
  const client = new OpenAI({ apiKey: "simulator", baseURL: SIMULATOR_BASE_URL, fetch, maxRetries: 0 });
  return { modelClient: { client, simulated: true }, calls };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const fmt = (n: number, digits = 3) => n.toFixed(digits);

async function storeGraph(name: string, graph: GraphDocument): Promise<string> {
  return (await createGraph(workspace.id, { name, graph })).id;
}

/** A benchmark whose runs did not do the work it times: its figure would be meaningless. */
class BenchmarkFailure extends Error {}

/** Throws unless the stored run succeeded with every node completed. */
async function expectCompleted(what: string, runId: string, nodeCount: number): Promise<void> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, error: true } });
  const completed = await db.runNode.count({ where: { runId, status: "succeeded" } });
  if (run.status !== "succeeded" || completed !== nodeCount) {
    throw new BenchmarkFailure(`${what}: run ${runId} ended ${run.status} with ${completed} of ${nodeCount} nodes completed${run.error ? ` (${run.error})` : ""}`);
  }
}

async function engineOverhead(): Promise<void> {
  const layers = 20;
  const width = 10;
  const nodes = [];
  const edges = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let i = 0; i < width; i++) {
      const node = createNode("executor", { id: `n${layer}_${i}`, label: `Step ${layer}.${i}`, position: { x: layer * 280, y: i * 140 }, tier: "nano" });
      nodes.push({ ...node, instructions: "Extract the key fact. [sim:tokens=24]" });
      if (layer > 0) {
        edges.push({ id: `e${layer}_${i}a`, source: `n${layer - 1}_${i}`, target: node.id, kind: "data" as const });
        edges.push({ id: `e${layer}_${i}b`, source: `n${layer - 1}_${(i + 1) % width}`, target: node.id, kind: "data" as const });
      }
    }
  }
  // One call at a time, so time outside the simulator is exactly engine + persistence work.
  const graph = { schemaVersion: GRAPH_SCHEMA_VERSION, nodes, edges, settings: { maxConcurrency: 1 } } as GraphDocument;
  const graphId = await storeGraph("200 nodes", graph);
  const samples: number[] = [];
  for (let round = 0; round < 4; round++) {
    const { modelClient, calls } = timedClient(0, true);
    const started = performance.now();
    const { id } = await startRun(workspace.id, graphId, { input: "Benchmark input", simulation: { speed: 0 } }, modelClient);
    await runFinished(id);
    const wall = performance.now() - started;
    const inSimulator = calls.reduce((sum, call) => sum + (call.end - call.start), 0);
    await expectCompleted("Full path", id, nodes.length);
    const run = await db.run.findUniqueOrThrow({ where: { id }, select: { lastSeq: true } });
    const perNode = (wall - inSimulator) / nodes.length;
    if (round > 0) samples.push(perNode); // the first round warms up the JIT and the tokenizer
    console.log(
      `  round ${round}: wall ${fmt(wall, 1)} ms, in simulator ${fmt(inSimulator, 1)} ms, ${calls.length} calls, ${run.lastSeq} events stored → ${fmt(perNode)} ms/node${round === 0 ? " (warm-up)" : ""}`,
    );
  }
  console.log(`Full path (SDK streaming parser + simulator transport + engine + persistence): ${fmt(percentile(samples, 50))} ms per node outside the simulator`);

  // The real SDK on an instant provider: no simulator work, but the request path every real call pays.
  const client = instantClient(["The ", "key ", "fact ", "is ", "this."], { prompt_tokens: 120, completion_tokens: 5, total_tokens: 125 });
  const alone: number[] = [];
  for (let round = 0; round < 8; round++) {
    const started = performance.now();
    const { outcome, events } = await runFixture(graph, "Benchmark input", { client });
    const perNode = (performance.now() - started) / nodes.length;
    const completed = events.filter((e) => e.type === "node.completed").length;
    if (outcome.status !== "succeeded" || completed !== nodes.length) {
      throw new BenchmarkFailure(`Engine alone: the run ended ${outcome.status} with ${completed} of ${nodes.length} nodes completed${outcome.error ? ` (${outcome.error})` : ""}`);
    }
    if (round > 1) alone.push(perNode);
  }
  console.log(`Engine overhead, engine alone: ${fmt(percentile(alone, 50))} ms per node (median of ${alone.length}; SDK request path + engine, instant provider; goal < 0.2 ms)`);

  const persisted: number[] = [];
  for (let round = 0; round < 6; round++) {
    const started = performance.now();
    const { id } = await startRun(workspace.id, graphId, { input: "Benchmark input" }, { client, simulated: true });
    await runFinished(id);
    const perNode = (performance.now() - started) / nodes.length;
    await expectCompleted("Engine + persistence", id, nodes.length);
    if (round > 1) persisted.push(perNode);
  }
  console.log(
    `Engine overhead, with persistence: ${fmt(percentile(persisted, 50))} ms per node (median of ${persisted.length}; SDK request path + engine + run service storing every event; goal < 0.2 ms)`,
  );
}

async function parallelism(): Promise<void> {
  const planner = createNode("planner", { id: "plan", label: "Planner", position: { x: 0, y: 0 }, tier: "nano" });
  const pool = createNode("executor", { id: "pool", label: "Worker", position: { x: 280, y: 0 }, tier: "mini" });
  const graph = {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    nodes: [
      { ...planner, instructions: "Split the work into 50 subtasks. [sim:items=50] [sim:tokens=40]", options: { ...planner.options, maxSubtasks: 50, maxOutputTokens: 12_000 } },
      { ...pool, instructions: "Do the subtask. [sim:tokens=100] [sim:tool=none]", options: { ...pool.options, concurrency: 50 } },
    ],
    edges: [{ id: "e1", source: "plan", target: "pool", kind: "data" }],
    settings: { maxConcurrency: 64 },
  } as GraphDocument;
  const graphId = await storeGraph("fan-out 50", graph);
  const { modelClient, calls } = timedClient(1, false);
  const started = performance.now();
  const { id } = await startRun(workspace.id, graphId, { input: "Survey 50 libraries", simulation: { speed: 1 } }, modelClient);
  await runFinished(id);
  const wall = performance.now() - started;
  await expectCompleted("Parallelism", id, graph.nodes.length);
  const plannerCalls = calls.filter((c) => c.structured);
  const workerCalls = calls.filter((c) => !c.structured);
  const plannerTime = plannerCalls.reduce((sum, c) => sum + (c.end - c.start), 0);
  const slowestWorker = Math.max(...workerCalls.map((c) => c.end - c.start));
  const meanWorker = workerCalls.reduce((sum, c) => sum + (c.end - c.start), 0) / workerCalls.length;
  const plannerEnd = Math.max(...plannerCalls.map((c) => c.end));
  const fanOutWall = Math.max(...workerCalls.map((c) => c.end)) - plannerEnd;
  console.log(
    `  planner ${fmt(plannerTime, 0)} ms; ${workerCalls.length} executor calls, mean ${fmt(meanWorker, 0)} ms, slowest ${fmt(slowestWorker, 0)} ms; run wall ${fmt(wall, 0)} ms`,
  );
  console.log(`Parallelism: run wall / critical path = ${fmt(wall / (plannerTime + slowestWorker))} (goal ≤ 1.05)`);
  console.log(`             fan-out phase alone: ${fmt(fanOutWall, 0)} ms / slowest call ${fmt(slowestWorker, 0)} ms = ${fmt(fanOutWall / slowestWorker)}`);
}

async function streaming(): Promise<void> {
  const template = getTemplate("research-review")!;
  const graphId = await storeGraph("streaming", template.graph as GraphDocument);
  const { id } = await startRun(workspace.id, graphId, { input: "Compare SQLite and Postgres for a small team", simulation: { speed: 1 } });
  const server = http.createServer(async (req, res) => {
    const controller = new AbortController();
    req.on("close", () => controller.abort());
    const response = await streamRunEvents(workspace.id, id, 0, controller.signal);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    const reader = response.body!.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) res.write(next.value);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}/`);
  const latencies: number[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    const chunk = next.value;
    const received = Date.now();
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!data) continue;
      const event = JSON.parse(data);
      if (event.type === "node.delta") latencies.push(received - event.ts);
    }
  }
  server.close();
  await expectCompleted("Streaming", id, template.graph.nodes.length);
  console.log(
    `Streaming: delta → SSE client over loopback HTTP, ${latencies.length} deltas: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms (includes the 25 ms delta-coalescing window)`,
  );
}

console.log("Tierflow engine benchmarks\n");
try {
  await engineOverhead();
  console.log("");
  await parallelism();
  console.log("");
  await streaming();
} catch (error) {
  console.error(error instanceof BenchmarkFailure ? `\nBenchmark failed: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
