/**
 * Where a 2,000-node canvas spends its frames: `npx tsx e2e/perf/canvas-profile.ts [size]`.
 * Opens the graph in fit view (server as in canvas-bench), then records a Chromium
 * performance trace (CDP `Tracing`) and a JS CPU profile (CDP `Profiler`) over the initial
 * render, picking up a box, a drag, a pan and a wheel zoom, and prints for each phase the main
 * thread's time by trace event (script, style, layout, paint, …) and the JS functions with the
 * most self time.
 */
import { chromium, type CDPSession, type Page } from "@playwright/test";
import playwrightConfig from "../../playwright.config";
import { benchGraph } from "./canvas-graphs";
import { dragFrames, emptyPanePoint, nodeNearCentre, waitForCanvas, zoomFrames } from "./canvas-measure";
import { signIn, startServer, stopServer } from "./next-server";

const SIZE = Number(process.argv[2] ?? 2000);

interface TraceEvent { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { name?: string } }
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }

async function traced<T>(session: CDPSession, label: string, action: () => Promise<T>): Promise<T> {
  const events: TraceEvent[] = [];
  const onData = ({ value }: { value: object[] }) => {
    events.push(...(value as TraceEvent[]));
  };
  session.on("Tracing.dataCollected", onData);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 200 });
  await session.send("Profiler.start");
  await session.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink", transferMode: "ReportEvents" });
  const result = await action();
  const done = new Promise<void>((resolve) => session.once("Tracing.tracingComplete", () => resolve()));
  await session.send("Tracing.end");
  await done;
  session.off("Tracing.dataCollected", onData);
  const { profile } = (await session.send("Profiler.stop")) as { profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] } };
  summarise(label, events, profile);
  return result;
}

function summarise(label: string, events: TraceEvent[], profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] }) {
  const main = events.find((event) => event.name === "thread_name" && event.args?.name === "CrRendererMain");
  const byName = new Map<string, number>();
  for (const event of events) {
    if (!main || event.tid !== main.tid || event.pid !== main.pid || event.ph !== "X" || !event.dur) continue;
    byName.set(event.name, (byName.get(event.name) ?? 0) + event.dur / 1000);
  }
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 14);
  console.log(`\n## ${label}: main-thread trace events (inclusive ms; nested events overlap)`);
  for (const [name, ms] of top) console.log(`  ${ms.toFixed(1).padStart(9)}  ${name}`);
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0) * interval);
  }
  console.log(`## ${label}: JS self time (ms)`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${ms.toFixed(1).padStart(9)}  ${name}`);
}

async function main() {
  const server = await startServer();
  try {
    const api = await signIn(server.base);
    const created = await api.post("/api/v1/graphs", { data: { name: `Profile ${SIZE}`, graph: benchGraph(SIZE) } });
    if (created.status() !== 201) throw new Error(`Creating the graph failed: ${created.status()}`);
    const { id } = (await created.json()) as { id: string };
    const browser = await chromium.launch({ executablePath: playwrightConfig.use?.launchOptions?.executablePath ?? "/usr/bin/chromium", args: playwrightConfig.use?.launchOptions?.args ?? [] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: await api.storageState() });
    const page: Page = await context.newPage();
    const session = await context.newCDPSession(page);
    await page.goto(`${server.base}/graphs/${id}`); // warm the route and the browser cache
    await waitForCanvas(page, SIZE);
    const rendered = await traced(session, "initial render", async () => {
      await page.goto(`${server.base}/graphs/${id}`);
      return waitForCanvas(page, SIZE);
    });
    console.log(`  (initial render ${rendered.toFixed(0)} ms)`);
    await page.waitForTimeout(1000);
    // Picking up an unselected box selects it first: the press and first move are one long frame.
    const picked = await traced(session, "pick-up (press and first move on an unselected box)", async () => dragFrames(page, await nodeNearCentre(page), { x: 4, y: 2 }, 1));
    console.log(`  (pick-up ${picked.pickUp.toFixed(0)} ms)`);
    const drag = await traced(session, "drag, 120 frames", async () => dragFrames(page, await nodeNearCentre(page), { x: 4, y: 2 }, 120));
    console.log(`  (dragged ${drag.node} ${drag.moved.toFixed(0)} px)`);
    await traced(session, "pan, 120 frames", async () => dragFrames(page, await emptyPanePoint(page), { x: 6, y: 3 }, 120));
    await traced(session, "wheel zoom, 120 frames", async () => zoomFrames(page, 120));
    await browser.close();
  } finally {
    stopServer(server);
  }
}

await main();
