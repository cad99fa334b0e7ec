/**
 * Streaming to a real browser (issue #16): a page served by `next start` (see next-server.ts)
 * follows runs with Chromium's EventSource on the run's event stream.
 *  1. Delta latency: from the engine emitting a delta (the event's `ts`) to the page receiving it,
 *     p50/p95, over a 50-way fan-out at realistic simulator speed. Goal: p95 ≤ the 25 ms
 *     coalescing window + 10 ms (a coalesced delta carries the ts of its first piece).
 *  2. Start latency: from the page's `POST /runs` to its first event, on the instant simulator,
 *     p95 over 20 runs. Goal ≤ 50 ms. Both ways in, interleaved: the POST then an EventSource
 *     (two round trips, what the run page does), and the POST asking for `text/event-stream`
 *     (its answer is the stream: one round trip).
 * Every run must end succeeded, else the bench exits non-zero.
 */
import { chromium } from "@playwright/test";
import playwrightConfig from "../../playwright.config";
import { BenchmarkFailure, fmt, percentile, verdict } from "./bench-kit";
import { signIn, startServer, stopServer } from "./next-server";

const COALESCE_MS = 25;
const START_RUNS = Number(process.argv.find((a) => a.startsWith("--starts="))?.split("=")[1] ?? 20);

const planner = { role: "planner", label: "Planner", tier: "nano", tools: [], position: { x: 0, y: 0 } };
const fanOut = {
  schemaVersion: 1,
  nodes: [
    { ...planner, id: "plan", instructions: "Split the work into 50 subtasks. [sim:items=50] [sim:tokens=40]", options: { maxSubtasks: 50, maxOutputTokens: 12_000 } },
    { id: "pool", role: "executor", label: "Worker", tier: "mini", tools: [], position: { x: 300, y: 0 }, instructions: "Do the subtask. [sim:tokens=120] [sim:tool=none]", options: { concurrency: 50 } },
  ],
  edges: [{ id: "e1", source: "plan", target: "pool", kind: "data" }],
  settings: { maxConcurrency: 64 },
};
const single = {
  schemaVersion: 1,
  nodes: [{ id: "solo", role: "executor", label: "Solo", tier: "nano", tools: [], position: { x: 0, y: 0 }, instructions: "Answer. [sim:tokens=20] [sim:tool=none]" }],
  edges: [],
};

/** In the page: starts a run through the API, follows it with EventSource, and times what arrives. */
const followRun = async ({ graphId, speed }: { graphId: string; speed: number }) => {
  const posted = performance.now();
  const postedAt = Date.now();
  const response = await fetch(`/api/v1/graphs/${graphId}/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ input: "Survey 50 libraries", simulation: { speed } }),
  });
  if (!response.ok) return { error: `POST answered ${response.status}`, firstEventMs: 0, answeredMs: 0, openMs: 0, emittedMs: 0, deltaLags: [], final: "" };
  const { id } = (await response.json()) as { id: string };
  const answeredMs = performance.now() - posted;
  return new Promise<{ error?: string; firstEventMs: number; answeredMs: number; openMs: number; emittedMs: number; deltaLags: number[]; final: string }>((resolve) => {
    const source = new EventSource(`/api/v1/runs/${id}/events`);
    let firstEventMs = -1;
    // When the engine emitted the first event, from its `ts` (the server's clock is this machine's).
    let emittedMs = -1;
    let openMs = -1;
    source.onopen = () => (openMs = performance.now() - posted);
    const deltaLags: number[] = [];
    source.onmessage = (message) => {
      const received = Date.now();
      const event = JSON.parse(message.data) as { type: string; ts: number };
      if (firstEventMs < 0) {
        firstEventMs = performance.now() - posted;
        emittedMs = event.ts - postedAt;
      }
      if (event.type === "node.delta") deltaLags.push(received - event.ts);
      if (event.type.startsWith("run.") && event.type !== "run.started") {
        source.close();
        resolve({ firstEventMs, answeredMs, openMs, emittedMs, deltaLags, final: event.type });
      }
    };
  });
};

/** In the page: starts a run with a POST that answers as its event stream, read with fetch, timing the first event. */
const streamRun = async ({ graphId }: { graphId: string }) => {
  const posted = performance.now();
  const postedAt = Date.now();
  const response = await fetch(`/api/v1/graphs/${graphId}/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ input: "Survey 50 libraries", simulation: { speed: 0 } }),
  });
  const answeredMs = performance.now() - posted;
  if (response.status !== 201 || !response.body) return { error: `POST answered ${response.status}`, firstEventMs: 0, answeredMs, emittedMs: 0, final: "" };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let firstEventMs = -1;
  let emittedMs = -1;
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { error: "the stream ended without a final event", firstEventMs, answeredMs, emittedMs, final: "" };
    buffered += value;
    const blocks = buffered.split("\n\n");
    buffered = blocks.pop()!;
    for (const block of blocks) {
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!data) continue;
      const event = JSON.parse(data) as { type: string; ts: number };
      if (firstEventMs < 0) {
        firstEventMs = performance.now() - posted;
        emittedMs = event.ts - postedAt;
      }
      if (event.type.startsWith("run.") && event.type !== "run.started") {
        await reader.cancel();
        return { firstEventMs, answeredMs, emittedMs, final: event.type };
      }
    }
  }
};

async function main() {
  const server = await startServer();
  try {
    const api = await signIn(server.base);
    const graphIds: Record<string, string> = {};
    for (const [name, graph] of Object.entries({ fanOut, single })) {
      const created = await api.post("/api/v1/graphs", { data: { name, graph } });
      if (created.status() !== 201) throw new BenchmarkFailure(`creating the ${name} graph answered ${created.status()}: ${await created.text()}`);
      graphIds[name] = ((await created.json()) as { id: string }).id;
    }
    const executablePath = playwrightConfig.use?.launchOptions?.executablePath ?? "/usr/bin/chromium";
    const browser = await chromium.launch({ executablePath, args: playwrightConfig.use?.launchOptions?.args ?? [] });
    const page = await (await browser.newContext({ storageState: await api.storageState() })).newPage();
    await page.goto(`${server.base}/runs`);

    const fan = await page.evaluate(followRun, { graphId: graphIds.fanOut, speed: 1 });
    if (fan.error || fan.final !== "run.completed") throw new BenchmarkFailure(`the fan-out run ${fan.error ?? `ended ${fan.final}`}`);
    const p95 = percentile(fan.deltaLags, 95);
    console.log(`Browser streaming: engine delta → Chromium EventSource (next start), 50-way fan-out at realistic speed, ${fan.deltaLags.length} deltas`);
    console.log(`  p50 ${fmt(percentile(fan.deltaLags, 50), 0)} ms, p95 ${fmt(p95, 0)} ms (goal p95 ≤ ${COALESCE_MS} + 10 ms, ${verdict(p95, COALESCE_MS + 10)})`);

    const starts: number[] = [];
    const answered: number[] = [];
    const opened: number[] = [];
    const emitted: number[] = [];
    const streamed = { starts: [] as number[], answered: [] as number[], emitted: [] as number[] };
    for (let i = 0; i < START_RUNS + 1; i++) {
      const run = await page.evaluate(followRun, { graphId: graphIds.single, speed: 0 });
      if (run.error || run.final !== "run.completed") throw new BenchmarkFailure(`a start-latency run ${run.error ?? `ended ${run.final}`}`);
      const one = await page.evaluate(streamRun, { graphId: graphIds.single });
      if (one.error || one.final !== "run.completed") throw new BenchmarkFailure(`a start-and-stream run ${one.error ?? `ended ${one.final}`}`);
      if (i === 0) continue; // the first warms the routes up
      starts.push(run.firstEventMs);
      answered.push(run.answeredMs);
      opened.push(run.openMs);
      emitted.push(run.emittedMs);
      streamed.starts.push(one.firstEventMs);
      streamed.answered.push(one.answeredMs);
      streamed.emitted.push(one.emittedMs);
    }
    const startP95 = percentile(starts, 95);
    const streamedP95 = percentile(streamed.starts, 95);
    console.log(`  POST /runs → first event in the page, instant simulation, ${starts.length} runs each way, interleaved:`);
    console.log(`    POST with Accept: text/event-stream (one round trip): p50 ${fmt(percentile(streamed.starts, 50), 0)} ms, p95 ${fmt(streamedP95, 0)} ms (goal ≤ 50 ms, ${verdict(streamedP95, 50)})`);
    console.log(
      `      of which the stream answered at p50 ${fmt(percentile(streamed.answered, 50), 0)} ms, first event emitted at p50 ${fmt(percentile(streamed.emitted, 50), 0)} ms`,
    );
    console.log(`    POST, then EventSource (two round trips): p50 ${fmt(percentile(starts, 50), 0)} ms, p95 ${fmt(startP95, 0)} ms (goal ≤ 50 ms, ${verdict(startP95, 50)})`);
    // Where that time goes: the POST's answer, the engine emitting the first event, the event stream's headers, the event itself.
    console.log(
      `      of which POST answered at p50 ${fmt(percentile(answered, 50), 0)} ms, first event emitted at p50 ${fmt(percentile(emitted, 50), 0)} ms, stream open at p50 ${fmt(percentile(opened, 50), 0)} ms`,
    );
    const slowest = starts.map((ms, i) => ({ ms, answered: answered[i], emitted: emitted[i], opened: opened[i] })).sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.log(`      slowest: ${slowest.map((s) => `${fmt(s.ms, 0)} ms (answered ${fmt(s.answered, 0)}, emitted ${fmt(s.emitted, 0)}, open ${fmt(s.opened, 0)})`).join(", ")}`);
    await browser.close();
  } finally {
    stopServer(server);
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof BenchmarkFailure ? `\nBenchmark failed: ${error.message}` : error);
  process.exitCode = 1;
}
