/**
 * Scale-out (issue #17), on real Postgres and Redis (e2e/services.sh) with `npm run worker`
 * processes. Prints:
 *  - runs per second and p95 time to first event with 1, 2 and 4 workers, instant simulation
 *    (this process enqueues as a web process does; the first event is the run's `run.started`,
 *    timed from the moment its start was asked for);
 *  - the time to deliver one run's events to 1,000 concurrent SSE viewers and whether every
 *    viewer got every event, on the embedded default (SQLite, in-process bus) and on Redis (a
 *    worker executes, the web process streams from Redis), side by side;
 *  - memory per idle viewer in the web process, both ways.
 * Figures depend on the machine: run-all prints its load beside them.
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { OwnServices, OwnWorker } from "../fixtures/own-worker";
import { BenchmarkFailure, fmt, percentile, scratchDatabase } from "./bench-kit";
import { fanOutGraph, missingSeqs, serveRunStreams } from "./fan-out-viewers";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const VIEWERS = Number(arg("viewers") ?? 1000);
const RUNS = Number(arg("runs") ?? 120);
const WORKER_CONCURRENCY = 10;
const SECRET = randomBytes(32).toString("base64url");

if (arg("child") === "viewers") await viewersChild();
else await main();

async function main(): Promise<void> {
  const services = new OwnServices();
  services.start();
  const env = { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, TIERFLOW_SECRET: SECRET };
  const workers: OwnWorker[] = [];
  try {
    Object.assign(process.env, env, { TIERFLOW_QUEUE: "bullmq", NEXT_TELEMETRY_DISABLED: "1", OPENAI_API_KEY: "" });
    const { ensureDatabase, db, DEFAULT_WORKSPACE_SLUG } = await import("@/lib/db");
    const { createGraph } = await import("@/lib/graphs/service");
    const { startRun } = await import("@/lib/runs");
    const { TEMPLATES } = await import("@/lib/graph");
    await ensureDatabase();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
    const graph = TEMPLATES.find((t) => t.id === "research-review")!.graph;
    const { id: graphId } = await createGraph(workspace.id, { name: "workers-bench", graph });

    console.log(`Workers: ${RUNS} runs of research-review (3 nodes) at instant simulation, each worker ${WORKER_CONCURRENCY} at a time`);
    for (const count of [1, 2, 4]) {
      while (workers.length < count) {
        const worker = new OwnWorker({ ...env, TIERFLOW_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
        await worker.start();
        workers.push(worker);
      }
      const began = Date.now();
      const asked = new Map<string, number>();
      await Promise.all(
        Array.from({ length: RUNS }, async (_, i) => {
          const at = Date.now();
          const { id } = await startRun(workspace.id, graphId, { input: `Bench case ${i}`, simulation: { speed: 0 } });
          asked.set(id, at);
        }),
      );
      const ids = [...asked.keys()];
      for (;;) {
        const open = await db.run.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } });
        if (open === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const runs = await db.run.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, endedAt: true } });
      const failed = runs.filter((r) => r.status !== "succeeded");
      if (failed.length) throw new BenchmarkFailure(`${failed.length} runs ended ${failed[0].status}`);
      const lastEnd = Math.max(...runs.map((r) => r.endedAt!.getTime()));
      const firsts = await db.runEvent.findMany({ where: { runId: { in: ids }, seq: 1 }, select: { runId: true, data: true } });
      const ttfe = firsts.map((e) => (e.data as { ts: number }).ts - asked.get(e.runId)!);
      console.log(
        `  ${count} worker${count > 1 ? "s" : " "}: ${fmt(RUNS / ((lastEnd - began) / 1000), 1)} runs/s, time to first event p50 ${fmt(percentile(ttfe, 50), 0)} ms, p95 ${fmt(percentile(ttfe, 95), 0)} ms`,
      );
    }
    await Promise.all(workers.splice(0).map((worker) => worker.stop("SIGTERM")));

    console.log(`Viewers: ${VIEWERS} concurrent SSE viewers of one 50-way fan-out run at realistic speed, in one web process`);
    for (const bus of ["embedded", "redis"] as const) {
      let worker: OwnWorker | null = null;
      if (bus === "redis") {
        worker = new OwnWorker({ ...env, TIERFLOW_WORKER_CONCURRENCY: "4" });
        await worker.start();
      }
      try {
        const child = fork(import.meta.filename, ["--child=viewers", `--bus=${bus}`, `--viewers=${VIEWERS}`], {
          execArgv: ["--expose-gc", "--import", "tsx"],
          env: bus === "redis" ? { ...process.env, ...env, TIERFLOW_QUEUE: "bullmq" } : { ...process.env, DATABASE_URL: "", REDIS_URL: "", TIERFLOW_SECRET: "", TIERFLOW_QUEUE: "" },
        });
        const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
        if (code !== 0) throw new BenchmarkFailure(`the ${bus} viewers round exited with ${code}`);
      } finally {
        await worker?.stop("SIGTERM");
      }
    }
  } catch (error) {
    console.error(error instanceof BenchmarkFailure ? `\nBenchmark failed: ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await Promise.all(workers.map((worker) => worker.stop("SIGKILL")));
    services.stop();
    process.exit();
  }
}

/** One web process with `VIEWERS` viewers: embedded (SQLite, the run executes here) or Redis (a worker executes it). */
async function viewersChild(): Promise<void> {
  const bus = arg("bus");
  if (bus === "embedded") {
    scratchDatabase();
    delete process.env.REDIS_URL;
  }
  const { ensureDatabase, db, DEFAULT_WORKSPACE_SLUG } = await import("@/lib/db");
  const { createGraph } = await import("@/lib/graphs/service");
  const { startRun, cancelRun, streamRunEvents } = await import("@/lib/runs");
  const { createNode, GRAPH_SCHEMA_VERSION } = await import("@/lib/graph");
  await ensureDatabase();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  const graph = fanOutGraph({ createNode, GRAPH_SCHEMA_VERSION });
  const { id: graphId } = await createGraph(workspace.id, { name: "viewers", graph });

  const { server, port } = await serveRunStreams(workspace.id, streamRunEvents);

  /** Opens the viewers in four client processes; `onConnected` runs once all are connected. */
  async function watch(runId: string, onConnected: () => void | Promise<void>): Promise<Record<number, number>[]> {
    const groups = 4;
    let connected = 0;
    const all = await Promise.all(
      Array.from({ length: groups }, (_, g) => {
        const size = Math.floor(VIEWERS / groups) + (g < VIEWERS % groups ? 1 : 0);
        const child = fork(path.join(import.meta.dirname, "viewers-client.ts"), [`http://127.0.0.1:${port}/?run=${runId}`, String(size)], { execArgv: ["--import", "tsx"] });
        return new Promise<Record<number, number>[]>((resolve, reject) => {
          child.on("message", (message: { type: string; received?: Record<number, number>[] }) => {
            if (message.type !== "connected") resolve(message.received!);
            else if (++connected === groups) void onConnected();
          });
          child.on("exit", (code) => code && reject(new BenchmarkFailure(`a viewers' process exited with ${code}`)));
        });
      }),
    );
    return all.flat();
  }
  const ended = async (runId: string) => {
    for (;;) {
      const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, lastSeq: true, endedAt: true } });
      if (run.status !== "queued" && run.status !== "running") return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const heap = () => {
    globalThis.gc?.();
    const { heapUsed, external, rss } = process.memoryUsage();
    return { heap: heapUsed + external, rss };
  };

  try {
    // Idle viewers: a run ten times slower than realistic, watched while its planner thinks.
    const idle = await startRun(workspace.id, graphId, { input: "Idle", simulation: { speed: 0.1 } });
    for (;;) {
      const row = await db.run.findUniqueOrThrow({ where: { id: idle.id }, select: { status: true } });
      if (row.status === "running") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const before = heap();
    let perViewer = { heap: 0, rss: 0 };
    await watch(idle.id, async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = heap();
      perViewer = { heap: (after.heap - before.heap) / VIEWERS, rss: (after.rss - before.rss) / VIEWERS };
      await cancelRun(workspace.id, idle.id);
    });

    // Delivery: one run streamed live to every viewer.
    const asked = Date.now();
    const { id } = await startRun(workspace.id, graphId, { input: "Survey 50 libraries", simulation: { speed: 1 } });
    const received = await watch(id, () => {});
    const run = await ended(id);
    if (run.status !== "succeeded") throw new BenchmarkFailure(`run ${id} ended ${run.status}`);
    const missing = received.map((times) => missingSeqs(times, run.lastSeq)).filter((seqs) => seqs.length > 0);
    const complete = VIEWERS - missing.length;
    const lastSeen = Math.max(...received.map((times) => times[run.lastSeq] ?? Infinity));
    const lags: number[] = [];
    for (let seq = 1; seq <= run.lastSeq; seq++) {
      const times = received.map((t) => t[seq]).filter((t) => t !== undefined);
      const first = Math.min(...times);
      for (const at of times) lags.push(at - first);
    }
    const label = bus === "embedded" ? "embedded (SQLite, in-process bus)" : "Redis (worker executes, web streams from Redis)";
    console.log(`  ${label}:`);
    console.log(`    ${complete}/${VIEWERS} viewers got all ${run.lastSeq} events; run start → last viewer has the final event ${fmt((lastSeen - asked) / 1000, 2)} s (run end stored → last viewer: ${fmt(lastSeen - run.endedAt!.getTime(), 0)} ms)`);
    console.log(`    lag behind the first viewer to get each event: p50 ${fmt(percentile(lags, 50), 1)} ms, p95 ${fmt(percentile(lags, 95), 1)} ms`);
    console.log(`    memory per idle viewer in the web process: ${fmt(perViewer.heap / 1024, 1)} KiB heap+external, ${fmt(perViewer.rss / 1024, 1)} KiB RSS`);
    if (missing.length > 0) {
      console.log(`    MISSED: ${missing.length} viewer(s); the first lacks seq ${missing[0].slice(0, 20).join(", ")}${missing[0].length > 20 ? "…" : ""}`);
      process.exitCode = 1;
    }
  } finally {
    server.close();
    server.closeAllConnections();
    await db.$disconnect();
    process.exit();
  }
}
