/**
 * Responsiveness under load (issue 16, item 5): a production server (`next start`) executes 50
 * and then 200 concurrent simulated runs at realistic speed, once with runs executed on the web
 * process's event loop (`TIERFLOW_RUNNER=inline`) and once in the executor child
 * (`TIERFLOW_RUNNER=process`, the default), one server after the other on a fresh database each.
 * While the runs go, `/health` is probed every 100 ms and an SSE stream of a running run is
 * opened every 250 ms (time to headers). Prints p50/p95 of both against the goals at 200 runs
 * (`/health` ≤ 100 ms, SSE connect ≤ 250 ms), how long the runs took, and the most the queue
 * held; fails if any run did not succeed. `TIERFLOW_MAX_ACTIVE_RUNS` etc. pass through to the server.
 */
import { cpus, loadavg } from "node:os";
import { TEMPLATES } from "@/lib/graph";
import { BenchmarkFailure, fmt, percentile, verdict } from "./bench-kit";
import { signIn, startServer, stopServer } from "./next-server";

const LOADS = [50, 200];
const RUNNERS = ["inline", "process"] as const;
const HEALTH_GOAL_MS = 100;
const CONNECT_GOAL_MS = 250;
const graph = TEMPLATES.find((t) => t.id === "research-review")!.graph;
// A starved event loop is what this measures: requests may take long, they must not give up.
const SLOW = { timeout: 300_000 };

interface LoadResult {
  runner: string;
  runs: number;
  health: number[];
  connects: number[];
  postP95: number;
  wallMs: number;
  peak: { active: number; waiting: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(request: () => Promise<Response>): Promise<number> {
  const start = performance.now();
  const response = await request();
  const ms = performance.now() - start;
  await response.body?.cancel();
  if (!response.ok) throw new BenchmarkFailure(`a probe answered ${response.status}`);
  return ms;
}

async function load(runner: string, count: number): Promise<LoadResult> {
  process.env.TIERFLOW_RUNNER = runner;
  const server = await startServer();
  try {
    const api = await signIn(server.base);
    const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const created = await api.post("/api/v1/graphs", { data: { name: "Load", graph } });
    if (created.status() !== 201) throw new BenchmarkFailure(`creating the graph answered ${created.status()}`);
    const graphId = ((await created.json()) as { id: string }).id;

    // The probes start with the burst of starts: that burst is part of the load.
    const health: number[] = [];
    const connects: number[] = [];
    const peak = { active: 0, waiting: 0 };
    const ids: string[] = [];
    let posted = false;
    let finished = false;
    const probeHealth = async () => {
      while (!finished) {
        health.push(await timed(() => fetch(`${server.base}/api/v1/health`)));
        await sleep(100);
      }
    };
    const probeConnect = async () => {
      for (let i = 0; !finished; i++) {
        if (ids.length > 0) connects.push(await timed(() => fetch(`${server.base}/api/v1/runs/${ids[i % ids.length]}/events`, { headers: { cookie } })));
        await sleep(250);
      }
    };
    const watch = async () => {
      while (!finished) {
        const detail = (await api.get("/api/v1/health?detail=1", SLOW).then((r) => r.json())) as { queue?: { active: number; waiting: number }; activeRuns: number };
        peak.active = Math.max(peak.active, detail.queue?.active ?? 0);
        peak.waiting = Math.max(peak.waiting, detail.queue?.waiting ?? 0);
        if (posted && detail.activeRuns === 0) finished = true;
        else await sleep(1000);
      }
    };
    const started = performance.now();
    const posts: number[] = [];
    const submit = async () => {
      await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const t = performance.now();
          const response = await api.post(`/api/v1/graphs/${graphId}/runs`, { data: { input: `Compare message queues, take ${i}`, simulation: { speed: 1 } }, ...SLOW });
          posts.push(performance.now() - t);
          if (response.status() !== 201) throw new BenchmarkFailure(`POST /runs answered ${response.status()}: ${await response.text()}`);
          ids.push(((await response.json()) as { id: string }).id);
        }),
      );
      posted = true;
    };
    await Promise.all([submit(), probeHealth(), probeConnect(), watch()]);
    const wallMs = performance.now() - started;

    const statuses = await Promise.all(ids.map(async (id) => ((await api.get(`/api/v1/runs/${id}`, SLOW).then((r) => r.json())) as { status: string }).status));
    const failed = statuses.filter((status) => status !== "succeeded");
    if (failed.length > 0) throw new BenchmarkFailure(`${failed.length} of ${count} runs did not succeed (${[...new Set(failed)].join(", ")}) with the ${runner} runner`);
    await api.dispose();
    return { runner, runs: count, health, connects, postP95: percentile(posts, 95), wallMs, peak };
  } finally {
    stopServer(server);
    await sleep(3000);
  }
}

async function main() {
  console.log(`Load: research-review runs at realistic simulator speed. ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(1)).join(" ")} (figures depend on what else the machine runs).`);
  const results: LoadResult[] = [];
  const failures: string[] = [];
  for (const count of LOADS) {
    for (const runner of RUNNERS) {
      try {
        results.push(await load(runner, count));
      } catch (error) {
        failures.push(`${runner} runner, ${count} runs: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
  }
  console.log("\nrunner   runs  /health p50  p95      SSE connect p50  p95      POST p95  all runs done  peak active/waiting");
  for (const r of results) {
    const goal = r.runs === 200;
    const health95 = percentile(r.health, 95);
    const connect95 = percentile(r.connects, 95);
    console.log(
      `${r.runner.padEnd(8)} ${String(r.runs).padStart(4)}  ${fmt(percentile(r.health, 50), 0).padStart(7)} ms ${fmt(health95, 0).padStart(6)} ms${goal ? ` (goal ≤ ${HEALTH_GOAL_MS}, ${verdict(health95, HEALTH_GOAL_MS)})` : ""}` +
        `  ${fmt(percentile(r.connects, 50), 0).padStart(7)} ms ${fmt(connect95, 0).padStart(6)} ms${goal ? ` (goal ≤ ${CONNECT_GOAL_MS}, ${verdict(connect95, CONNECT_GOAL_MS)})` : ""}` +
        `  ${fmt(r.postP95, 0).padStart(6)} ms  ${fmt(r.wallMs / 1000, 1).padStart(8)} s  ${r.peak.active}/${r.peak.waiting}`,
    );
  }
  for (const failure of failures) console.log(`FAILED: ${failure}`);
  if (failures.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
