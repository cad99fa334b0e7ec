/**
 * Tierflow against LangGraph JS, side by side in one process (issue #16). Three DAG shapes
 * (layered 20×10, fan-out 50 + join, chain of 100) run on the same instant canned model (the real
 * OpenAI SDK on a provider that answers at once) four ways: Tierflow's engine alone, Tierflow with
 * its run service storing every event, LangGraph, and LangGraph with its SqliteSaver checkpointer.
 * Rounds are interleaved (every variant of every shape once per round) so machine noise hits all
 * alike; the first rounds warm up and are not counted. Prints the median ms/node, the ratios and the goals.
 * Any run that did not succeed with every node done stops the bench with a non-zero exit.
 *
 * `npx tsx e2e/perf/langgraph-bench.ts [--rounds=N] [--warmup=N] [--only=tierflow-persist] [--shape=fan-out]` (the
 * latter two for profiling one variant on one shape with `node --cpu-prof --import tsx …`).
 */
import { setMaxListeners } from "node:events";
import path from "node:path";
import { BenchmarkFailure, fmt, median, scratchDatabase, verdict } from "./bench-kit";

const scratch = scratchDatabase();
// LangGraph adds an abort listener per node of a superstep to one signal: 50 is no leak.
setMaxListeners(200);
const { Annotation, StateGraph, START, END } = await import("@langchain/langgraph");
const { SqliteSaver } = await import("@langchain/langgraph-checkpoint-sqlite");
const { ensureDatabase, db, DEFAULT_WORKSPACE_SLUG } = await import("@/lib/db");
const { createGraph } = await import("@/lib/graphs/service");
const { startRun, runFinished } = await import("@/lib/runs");
const { createNode, GRAPH_SCHEMA_VERSION } = await import("@/lib/graph");
const { instantClient, runFixture } = await import("@/lib/engine/test-harness");
type GraphDocument = import("@/lib/graph").GraphDocument;

const argument = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
// A round takes about a second. Measured over 40 rounds, every variant is still slower in its
// first two or three (the JIT is still at work) and steady after; a single run varies by up to 2×.
const ROUNDS = Number(argument("rounds") ?? 20);
const WARMUP = Number(argument("warmup") ?? 3);
const ONLY = argument("only");
const SHAPE = argument("shape");

interface Shape {
  name: string;
  /** Node ids in topological order, each with its data predecessors. */
  nodes: { id: string; after: string[] }[];
}

function layered(layers: number, width: number): Shape {
  const nodes: Shape["nodes"] = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let i = 0; i < width; i++) {
      nodes.push({ id: `n${layer}_${i}`, after: layer === 0 ? [] : [`n${layer - 1}_${i}`, `n${layer - 1}_${(i + 1) % width}`] });
    }
  }
  return { name: `layered ${layers}×${width}`, nodes };
}

function fanOut(width: number): Shape {
  const workers = Array.from({ length: width }, (_, i) => ({ id: `w${i}`, after: ["source"] }));
  return { name: `fan-out ${width} + join`, nodes: [{ id: "source", after: [] }, ...workers, { id: "join", after: workers.map((w) => w.id) }] };
}

function chain(length: number): Shape {
  return { name: `chain of ${length}`, nodes: Array.from({ length }, (_, i) => ({ id: `c${i}`, after: i === 0 ? [] : [`c${i - 1}`] })) };
}

const SHAPES = [layered(20, 10), fanOut(50), chain(100)].filter((shape) => !SHAPE || shape.name.startsWith(SHAPE));
const INPUT = "Benchmark input";
const INSTRUCTIONS = "Extract the key fact.";
const TEXT = ["The ", "key ", "fact ", "is ", "this."];
const USAGE = { prompt_tokens: 120, completion_tokens: 5, total_tokens: 125 };
// The same concurrency on both sides: LangGraph runs a whole superstep at once.
const CONCURRENCY = 64;

function tierflowGraph(shape: Shape): GraphDocument {
  const nodes = shape.nodes.map(({ id }, i) => ({
    ...createNode("executor", { id, label: `Step ${id}`, position: { x: (i % 20) * 280, y: Math.floor(i / 20) * 140 }, tier: "nano" }),
    instructions: INSTRUCTIONS,
  }));
  const edges = shape.nodes.flatMap(({ id, after }) => after.map((source) => ({ id: `${source}-${id}`, source, target: id, kind: "data" as const })));
  return { schemaVersion: GRAPH_SCHEMA_VERSION, nodes, edges, settings: { maxConcurrency: CONCURRENCY } } as GraphDocument;
}

/** The same DAG in LangGraph: each node makes the same streamed SDK call with its predecessors' outputs as context. */
function langGraph(shape: Shape, checkpointer?: InstanceType<typeof SqliteSaver>) {
  const client = instantClient(TEXT, USAGE);
  const State = Annotation.Root({
    input: Annotation<string>(),
    outputs: Annotation<Record<string, string>>({ reducer: (a, b) => ({ ...a, ...b }), default: () => ({}) }),
  });
  const builder = new StateGraph(State);
  for (const { id, after } of shape.nodes) {
    builder.addNode(id, async (state: typeof State.State) => {
      const context = after.length ? after.map((p) => state.outputs[p]).join("\n\n") : state.input;
      const stream = await client.chat.completions.create({
        model: "gpt-5.4-nano",
        messages: [
          { role: "system", content: INSTRUCTIONS },
          { role: "user", content: context },
        ],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      return { outputs: { [id]: text } };
    });
  }
  const untyped = builder as unknown as { addEdge(from: string | string[], to: string): void };
  const sinks = new Set(shape.nodes.map((n) => n.id));
  for (const { id, after } of shape.nodes) {
    after.forEach((p) => sinks.delete(p));
    // A list of sources is LangGraph's join: the node waits for all of them.
    untyped.addEdge(after.length === 0 ? START : after.length === 1 ? after[0] : after, id);
  }
  for (const sink of sinks) untyped.addEdge(sink, END);
  return builder.compile(checkpointer ? { checkpointer } : {});
}

type Variant = "tierflow" | "tierflow-persist" | "langgraph" | "langgraph-sqlite";
const VARIANTS: Variant[] = ["tierflow", "tierflow-persist", "langgraph", "langgraph-sqlite"];

await ensureDatabase();
const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
const saver = SqliteSaver.fromConnString(path.join(scratch, "langgraph.db"));

const prepared = await Promise.all(
  SHAPES.map(async (shape) => {
    const graph = tierflowGraph(shape);
    const { id: graphId } = await createGraph(workspace.id, { name: shape.name, graph });
    // One client per graph on both sides, made once: the model is not what is measured.
    return { shape, graph, graphId, client: instantClient(TEXT, USAGE), plain: langGraph(shape), checkpointed: langGraph(shape, saver) };
  }),
);

let thread = 0;
/** One run of one variant; returns its wall time in ms after checking every node finished. */
async function runOnce(variant: Variant, item: (typeof prepared)[number]): Promise<number> {
  const { shape, graph, graphId, client } = item;
  const count = shape.nodes.length;
  const started = performance.now();
  if (variant === "tierflow") {
    const { outcome, events } = await runFixture(graph, INPUT, { client });
    const wall = performance.now() - started;
    const done = events.filter((e) => e.type === "node.completed").length;
    if (outcome.status !== "succeeded" || done !== count) throw new BenchmarkFailure(`${shape.name}, Tierflow engine: ${outcome.status}, ${done} of ${count} nodes completed`);
    return wall;
  }
  if (variant === "tierflow-persist") {
    const { id } = await startRun(workspace.id, graphId, { input: INPUT }, { client, simulated: true });
    await runFinished(id);
    const wall = performance.now() - started;
    const run = await db.run.findUniqueOrThrow({ where: { id }, select: { status: true, error: true } });
    const done = await db.runNode.count({ where: { runId: id, status: "succeeded" } });
    if (run.status !== "succeeded" || done !== count) throw new BenchmarkFailure(`${shape.name}, Tierflow + persistence: run ${id} ${run.status}, ${done} of ${count} nodes${run.error ? ` (${run.error})` : ""}`);
    return wall;
  }
  const compiled = variant === "langgraph" ? item.plain : item.checkpointed;
  const config = { recursionLimit: 10_000, configurable: { thread_id: `t${++thread}` } };
  const state = (await compiled.invoke({ input: INPUT }, config)) as { outputs: Record<string, string> };
  const wall = performance.now() - started;
  const done = Object.values(state.outputs).filter((text) => text === TEXT.join("")).length;
  if (done !== count) throw new BenchmarkFailure(`${shape.name}, ${variant}: ${done} of ${count} nodes produced their output`);
  return wall;
}

const LABELS: Record<Variant, string> = {
  tierflow: "Tierflow engine",
  "tierflow-persist": "Tierflow + persist",
  langgraph: "LangGraph",
  "langgraph-sqlite": "LangGraph + Sqlite",
};

try {
  const samples = new Map<string, number[]>();
  // CPU time per node beside the wall time: on a busy machine it moves far less, and both sides run on this one thread.
  const cpuSamples = new Map<string, number[]>();
  const variants = ONLY ? VARIANTS.filter((v) => v === ONLY) : VARIANTS;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const item of prepared) {
      for (const variant of variants) {
        const cpu = process.cpuUsage();
        const perNode = (await runOnce(variant, item)) / item.shape.nodes.length;
        const { user, system } = process.cpuUsage(cpu);
        const key = `${item.shape.name}|${variant}`;
        if (round >= WARMUP) {
          samples.set(key, [...(samples.get(key) ?? []), perNode]);
          cpuSamples.set(key, [...(cpuSamples.get(key) ?? []), (user + system) / 1000 / item.shape.nodes.length]);
        }
      }
    }
  }
  console.log(`LangGraph side by side: ms per node, median of ${ROUNDS} interleaved rounds (after ${WARMUP} to warm up), instant canned model, concurrency ${CONCURRENCY}\n`);
  console.log(`${"shape".padEnd(22)}${variants.map((v) => LABELS[v].padStart(20)).join("")}`);
  const figure = (shape: string, variant: Variant) => median(samples.get(`${shape}|${variant}`) ?? []);
  for (const { shape } of prepared) console.log(`${shape.name.padEnd(22)}${variants.map((v) => fmt(figure(shape.name, v)).padStart(20)).join("")}`);
  console.log(`\nCPU ms per node (user + system, this process), median:`);
  for (const { shape } of prepared) console.log(`${shape.name.padEnd(22)}${variants.map((v) => fmt(median(cpuSamples.get(`${shape.name}|${v}`) ?? [])).padStart(20)).join("")}`);
  if (!ONLY) {
    console.log("");
    for (const { shape } of prepared) {
      const persisted = figure(shape.name, "tierflow-persist");
      const vsPlain = persisted / figure(shape.name, "langgraph");
      const vsSqlite = persisted / figure(shape.name, "langgraph-sqlite");
      console.log(
        `${shape.name.padEnd(22)}Tierflow+persist / LangGraph = ${fmt(vsPlain, 2)} (goal ≤ 0.5, ${verdict(vsPlain, 0.5)}); / LangGraph+SqliteSaver = ${fmt(vsSqlite, 2)} (goal ≤ 0.25, ${verdict(vsSqlite, 0.25)}); engine alone / LangGraph = ${fmt(figure(shape.name, "tierflow") / figure(shape.name, "langgraph"), 2)}`,
      );
    }
  }
} catch (error) {
  console.error(error instanceof BenchmarkFailure ? `\nBenchmark failed: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  saver.db.close();
  await db.$disconnect();
}
