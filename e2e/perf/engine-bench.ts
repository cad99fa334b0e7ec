/**
 * Run-engine benchmarks (issue: run engine). `npm run bench:engine` prints:
 *  1. engine overhead per node: a 200-node graph on the instant simulator, persistence on;
 *  2. parallelism: a planner fanning 50 subtasks out to a pool of 50, ~1 s per call;
 *  3. streaming latency: from a delta reaching the engine to an SSE client receiving it.
 * Figures, not assertions: compare them with the goals printed beside them.
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
const { createNode, getTemplate } = await import("@/lib/graph");
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

/**
 * A provider that answers every call at once with a short stream, with no SDK or HTTP parsing:
 * what is left is the engine and the run service (numbering, bus, persistence).
 */
function cannedClient() {
  const base = { id: "c", object: "chat.completion.chunk" as const, created: 0, model: "gpt-5.4-nano" };
  const chunks = [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
    ...["The ", "key ", "fact ", "is ", "this."].map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    { ...base, choices: [], usage: { prompt_tokens: 120, completion_tokens: 5, total_tokens: 125 } },
  ];
  const create = async () => ({
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  });
  return { client: { chat: { completions: { create } } } as unknown as OpenAI, simulated: true };
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
  const graph = { schemaVersion: 1, nodes, edges, settings: { maxConcurrency: 1 } } as GraphDocument;
  const graphId = await storeGraph("200 nodes", graph);
  const samples: number[] = [];
  for (let round = 0; round < 4; round++) {
    const { modelClient, calls } = timedClient(0, true);
    const started = performance.now();
    const { id } = await startRun(workspace.id, graphId, { input: "Benchmark input", simulation: { speed: 0 } }, modelClient);
    await runFinished(id);
    const wall = performance.now() - started;
    const inSimulator = calls.reduce((sum, call) => sum + (call.end - call.start), 0);
    const run = await db.run.findUniqueOrThrow({ where: { id }, select: { status: true, lastSeq: true } });
    if (run.status !== "succeeded") throw new Error(`benchmark run ended ${run.status}`);
    const perNode = (wall - inSimulator) / nodes.length;
    if (round > 0) samples.push(perNode); // the first round warms up the JIT and the tokenizer
    console.log(
      `  round ${round}: wall ${fmt(wall, 1)} ms, in simulator ${fmt(inSimulator, 1)} ms, ${calls.length} calls, ${run.lastSeq} events stored → ${fmt(perNode)} ms/node${round === 0 ? " (warm-up)" : ""}`,
    );
  }
  console.log(`Full path (SDK streaming parser + simulator transport + engine + persistence): ${fmt(percentile(samples, 50))} ms per node outside the simulator`);

  const engineOnly: number[] = [];
  for (let round = 0; round < 6; round++) {
    const started = performance.now();
    const { id } = await startRun(workspace.id, graphId, { input: "Benchmark input" }, cannedClient());
    await runFinished(id);
    const perNode = (performance.now() - started) / nodes.length;
    if (round > 1) engineOnly.push(perNode);
  }
  console.log(
    `Engine overhead: ${fmt(percentile(engineOnly, 50))} ms per node (median of ${engineOnly.length}; engine + run service with persistence, canned instant provider; goal < 0.2 ms)`,
  );
}

async function parallelism(): Promise<void> {
  const planner = createNode("planner", { id: "plan", label: "Planner", position: { x: 0, y: 0 }, tier: "nano" });
  const pool = createNode("executor", { id: "pool", label: "Worker", position: { x: 280, y: 0 }, tier: "mini" });
  const graph = {
    schemaVersion: 1,
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
  console.log(
    `Streaming: delta → SSE client over loopback HTTP, ${latencies.length} deltas: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms (includes the 25 ms delta-coalescing window)`,
  );
}

console.log("Tierflow engine benchmarks\n");
await engineOverhead();
console.log("");
await parallelism();
console.log("");
await streaming();
await db.$disconnect();
