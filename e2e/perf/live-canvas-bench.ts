/**
 * The live run canvas under a 200-instance fan-out (issue #16, item 4): four planners each fan
 * 50 subtasks out to a pool of 50, on the simulator at realistic speed (every token streams),
 * watched on the run page of `next start` (see next-server.ts) in Chromium. Prints the frame
 * times (requestAnimationFrame deltas) while the run streams; goal: p95 ≤ 33.4 ms (≥ 30 fps).
 * It fails unless the run succeeded and the canvas ended showing all 200 instances done.
 * Run with `npx tsx e2e/perf/live-canvas-bench.ts`.
 */
import { cpus, loadavg } from "node:os";
import { chromium } from "@playwright/test";
import playwrightConfig from "../../playwright.config";
import { BenchmarkFailure, fmt, percentile, verdict } from "./bench-kit";
import { signIn, startServer, stopServer } from "./next-server";

const TEAMS = 4;
const GOAL_FRAME_MS = 33.4;

const nodes = [];
const edges = [];
for (let team = 0; team < TEAMS; team++) {
  nodes.push(
    { id: `plan${team}`, role: "planner", label: `Planner ${team}`, tier: "nano", tools: [], position: { x: 0, y: team * 200 }, instructions: "Split the work into 50 subtasks. [sim:items=50] [sim:tokens=40]", options: { maxSubtasks: 50, maxOutputTokens: 12_000 } },
    { id: `pool${team}`, role: "executor", label: `Workers ${team}`, tier: "mini", tools: [], position: { x: 300, y: team * 200 }, instructions: "Do the subtask. [sim:tokens=150] [sim:tool=none]", options: { concurrency: 50 } },
  );
  edges.push({ id: `e${team}`, source: `plan${team}`, target: `pool${team}`, kind: "data" });
}
const graph = { schemaVersion: 1, nodes, edges, settings: { maxConcurrency: 200 } };

async function main() {
  const server = await startServer();
  try {
    const api = await signIn(server.base);
    const created = await api.post("/api/v1/graphs", { data: { name: "Live canvas bench", graph } });
    if (created.status() !== 201) throw new BenchmarkFailure(`creating the graph answered ${created.status()}: ${await created.text()}`);
    const graphId = ((await created.json()) as { id: string }).id;
    const executablePath = playwrightConfig.use?.launchOptions?.executablePath ?? "/usr/bin/chromium";
    const browser = await chromium.launch({ executablePath, args: playwrightConfig.use?.launchOptions?.args ?? [] });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: await api.storageState() })).newPage();
    console.log(`Live canvas: 4 × 50-instance fan-out at realistic simulator speed, run page in Chromium. ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}.`);

    const started = await api.post(`/api/v1/graphs/${graphId}/runs`, { data: { input: "Survey 200 libraries", simulation: { speed: 1 } } });
    if (!started.ok()) throw new BenchmarkFailure(`starting the run answered ${started.status()}: ${await started.text()}`);
    const runId = ((await started.json()) as { id: string }).id;
    await page.goto(`${server.base}/runs/${runId}`);
    await page.getByLabel("Live graph of the run").waitFor();
    // Frame deltas in the page until told to stop, and how many of them came while instances were running.
    await page.evaluate(`(() => {
      const state = (window.__frames = { times: [], stop: false });
      const tick = (time) => { state.times.push(time); if (!state.stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const t0 = Date.now();
    let status = "running";
    while (status === "running" || status === "queued") {
      if (Date.now() - t0 > 300_000) throw new BenchmarkFailure("the run did not finish within 5 minutes");
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = ((await (await api.get(`/api/v1/runs/${runId}`)).json()) as { status: string }).status;
    }
    const wallMs = Date.now() - t0;
    const times = (await page.evaluate(`(() => { window.__frames.stop = true; return window.__frames.times; })()`)) as number[];
    if (status !== "succeeded") throw new BenchmarkFailure(`the run ended ${status}`);
    for (let team = 0; team < TEAMS; team++) {
      await page.getByLabel("Instances: 0 running, 50 of 50 done").nth(team).waitFor({ timeout: 10_000 });
    }
    const frames = times.slice(1).map((time, index) => time - times[index]);
    const p95 = percentile(frames, 95);
    console.log(
      `  ${frames.length} frames over ${fmt(wallMs / 1000, 1)} s of streaming: p50 ${fmt(percentile(frames, 50), 1)} ms, p95 ${fmt(p95, 1)} ms ` +
        `(${fmt(1000 / p95, 0)} fps), worst ${fmt(Math.max(...frames), 1)} ms — goal p95 ≤ ${GOAL_FRAME_MS} ms (≥ 30 fps): ${verdict(p95, GOAL_FRAME_MS)}`,
    );
    console.log(`  the canvas ended with all 200 instances done on 4 pools; load average ${loadavg()[0].toFixed(2)}.`);
    await browser.close();
  } finally {
    stopServer(server);
  }
}

await main();
