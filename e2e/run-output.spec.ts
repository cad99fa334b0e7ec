import { expect, test } from "@playwright/test";
import { createGraphFromTemplate, RunPage, startRun, waitForRunEnd } from "./pages/run-page";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const TASK = "Should a small bakery switch to electric delivery vans?\nAnswer with a recommendation.";
const GRAPH = "Bakery vans (output)";

interface Trace {
  format: string;
  run: { id: string; output: string };
  events: { seq: number; type: string; output?: string }[];
}

let graphId: string;
let runId: string;
let detail: { output: string; approved: boolean | null };

test.beforeAll(async ({ request }) => {
  graphId = await createGraphFromTemplate(request, "research-review", GRAPH);
  runId = await startRun(request, graphId, TASK, 0);
  expect(await waitForRunEnd(request, runId)).toBe("succeeded");
  detail = await (await request.get(`/api/v1/runs/${runId}`)).json();
  expect(detail.output.length).toBeGreaterThan(20);
});

test("a finished run's result is copied, downloaded as Markdown and JSON, and its whole trace downloaded", async ({ page, request }) => {
  const run = new RunPage(page);
  await run.goto(runId);
  await expect(run.status).toHaveText("Succeeded");

  expect(await run.copyResult()).toBe(detail.output);

  const markdown = await run.download("Download Markdown");
  expect(markdown.fileName).toBe(`bakery-vans-output-run-${runId}.md`);
  expect(markdown.text.startsWith(`# ${GRAPH}\n`)).toBe(true);
  expect(markdown.text).toContain("> Should a small bakery switch to electric delivery vans?\n> Answer with a recommendation.");
  expect(markdown.text.endsWith(`## Result\n\n${detail.output.trimEnd()}\n`)).toBe(true);

  const json = await run.download("Download JSON");
  expect(json.fileName).toBe(`bakery-vans-output-run-${runId}.json`);
  expect(JSON.parse(json.text)).toMatchObject({ runId, graphName: GRAPH, status: "succeeded", approved: detail.approved, input: TASK, output: detail.output });

  const download = await run.download("Download trace");
  expect(download.fileName).toBe(`tierflow-run-${runId}-trace.json`);
  const trace = JSON.parse(download.text) as Trace;
  expect(trace.format).toBe("tierflow.run-trace");
  expect(trace.run).toMatchObject({ id: runId, output: detail.output });
  expect(trace.events.map((event) => event.seq)).toEqual(trace.events.map((_, i) => i + 1));
  expect(trace.events[0].type).toBe("run.started");
  expect(trace.events.at(-1)).toMatchObject({ type: "run.completed", output: detail.output });
  expect(trace.events.filter((event) => event.type === "node.completed").length).toBeGreaterThanOrEqual(4);
  const served = (await (await request.get(`/api/v1/runs/${runId}/trace`)).json()) as Trace;
  expect(trace.events).toEqual(served.events);
});

test("a share link's page offers the result's copy and downloads, but not the private trace", async ({ request, browser, baseURL }) => {
  const created = await request.post(`/api/v1/runs/${runId}/shares`, { data: { hidePrompts: true } });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };

  const guest = await browser.newContext({ baseURL, storageState: undefined, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await guest.newPage();
  await page.goto(new URL(url).pathname);
  const shared = new RunPage(page);
  await expect(shared.status).toHaveText("Succeeded");
  expect(await shared.copyResult()).toBe(detail.output);
  const json = await shared.download("Download JSON");
  expect(JSON.parse(json.text)).toMatchObject({ runId, status: "succeeded", output: detail.output });
  await expect(page.getByRole("link", { name: "Download trace" })).toHaveCount(0);
  await guest.close();
});
