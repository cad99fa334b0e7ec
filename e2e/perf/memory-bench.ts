/**
 * Server memory for a run of 200 instances with long outputs (issue #16): four planners each fan
 * 50 subtasks out to a pool that writes ~2,000 tokens per subtask, on the simulator at 20× speed
 * with persistence on. Prints the heap and RSS before, at the peak (sampled every 20 ms) and after the
 * run ended and a full GC, and checks the finished run's in-memory history was let go: it is off
 * the bus and the heap is back near where it started. Run with `node --expose-gc --import tsx`.
 */
import { BenchmarkFailure, fmt, scratchDatabase, verdict } from "./bench-kit";

scratchDatabase();
const { ensureDatabase, db, DEFAULT_WORKSPACE_SLUG } = await import("@/lib/db");
const { createGraph } = await import("@/lib/graphs/service");
const { startRun, runFinished } = await import("@/lib/runs");
const { runtime } = await import("@/lib/runs/runtime");
const { createNode, GRAPH_SCHEMA_VERSION } = await import("@/lib/graph");
type GraphDocument = import("@/lib/graph").GraphDocument;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with node --expose-gc");
const MB = 1024 * 1024;
// Fast but not instant: an instant run never yields to timers, so the peak could not be sampled.
const SPEED = 20;
// What may stay behind after a finished run: caches and JIT code, not the run's events (tens of MB).
const RETAINED_GOAL_MB = 10;

await ensureDatabase();
const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
const nodes = [];
const edges = [];
for (let team = 0; team < 4; team++) {
  const planner = createNode("planner", { id: `plan${team}`, label: `Planner ${team}`, position: { x: 0, y: team * 200 }, tier: "nano" });
  const pool = createNode("executor", { id: `pool${team}`, label: `Writers ${team}`, position: { x: 300, y: team * 200 }, tier: "mini" });
  nodes.push(
    { ...planner, instructions: "Split the report into 50 sections. [sim:items=50] [sim:tokens=40]", options: { ...planner.options, maxSubtasks: 50, maxOutputTokens: 12_000 } },
    { ...pool, instructions: "Write the section in full. [sim:tokens=2000] [sim:tool=none]", options: { ...pool.options, concurrency: 50, maxOutputTokens: 4000 } },
  );
  edges.push({ id: `e${team}`, source: planner.id, target: pool.id, kind: "data" as const });
}
const graph = { schemaVersion: GRAPH_SCHEMA_VERSION, nodes, edges, settings: { maxConcurrency: 200 } } as GraphDocument;
const { id: graphId } = await createGraph(workspace.id, { name: "memory", graph });

async function oneRun(): Promise<{ before: NodeJS.MemoryUsage; peakHeap: number; peakRss: number; after: NodeJS.MemoryUsage; events: number; outputChars: number }> {
  gc!();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }, 20);
  const { id } = await startRun(workspace.id, graphId, { input: "A market report on embedded databases", simulation: { speed: SPEED } });
  await runFinished(id);
  clearInterval(sampler);
  const run = await db.run.findUniqueOrThrow({ where: { id }, select: { status: true, lastSeq: true } });
  const instances = await db.runNode.aggregate({ where: { runId: id, status: "succeeded" }, _sum: { instances: true } });
  if (run.status !== "succeeded" || (instances._sum.instances ?? 0) < 204) throw new BenchmarkFailure(`run ${id} ended ${run.status} with ${instances._sum.instances} instances done`);
  if (runtime.bus.isLive(id) || runtime.active.has(id)) throw new BenchmarkFailure(`run ${id} is still held in memory after it ended`);
  const outputs = await db.runEvent.findMany({ where: { runId: id, type: "node.completed" }, select: { data: true } });
  const outputChars = outputs.reduce((sum, row) => sum + String((row.data as { output?: string }).output ?? "").length, 0);
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc!();
  return { before, peakHeap, peakRss, after: process.memoryUsage(), events: run.lastSeq, outputChars };
}

try {
  await oneRun(); // warm-up: JIT, tokenizer tables, Prisma's query cache
  const m = await oneRun();
  const retained = (m.after.heapUsed - m.before.heapUsed) / MB;
  console.log(`Memory: a run of 204 instances (200 writers of ~2,000 tokens), ${m.events} events, ${fmt(m.outputChars / MB, 1)} MB of output text`);
  console.log(`  heap before ${fmt(m.before.heapUsed / MB, 1)} MB, peak ${fmt(m.peakHeap / MB, 1)} MB (+${fmt((m.peakHeap - m.before.heapUsed) / MB, 1)}), after the run and a GC ${fmt(m.after.heapUsed / MB, 1)} MB`);
  console.log(`  RSS before ${fmt(m.before.rss / MB, 0)} MB, peak ${fmt(m.peakRss / MB, 0)} MB, after ${fmt(m.after.rss / MB, 0)} MB`);
  console.log(`  heap retained after the run ended: ${fmt(retained, 1)} MB (goal ≤ ${RETAINED_GOAL_MB} MB: history released, ${verdict(retained, RETAINED_GOAL_MB)})`);
} catch (error) {
  console.error(error instanceof BenchmarkFailure ? `\nBenchmark failed: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
