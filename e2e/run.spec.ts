import { expect, test } from "@playwright/test";
import { createGraphFromTemplate, dollars, RunPage, startDroppingProxy, startRun, waitForRunEnd } from "./pages/run-page";
import { RunLauncherDialog } from "./pages/run-launcher";

// Six subtasks, round-robin over Researcher and Analyst: each pool runs three instances.
const TASK = "Should a mid-sized bakery switch its delivery vans to electric vehicles? [sim:items=6]";

let graphId: string;

test.beforeAll(async ({ request }) => {
  graphId = await createGraphFromTemplate(request, "research-review", "Research and review (run view)");
});

test("a live run: nodes move through their states, the pool runs several instances, text and tool calls stream, costs add up", async ({ page, request }) => {
  test.setTimeout(90_000);
  // At half of realistic speed the flagship planner streams for about eleven seconds: time for a
  // loaded machine to open the page and watch it, while it is still running.
  const runId = await startRun(request, graphId, TASK, 0.5);
  const run = new RunPage(page);
  await run.goto(runId);

  // The planner streams its structured plan: the transcript grows while we watch.
  await run.openTab("Transcript");
  await run.selectNode("Research planner");
  await expect(run.transcript.getByRole("heading", { name: /Research planner/ })).toBeVisible();
  await expect(run.prompt).toContainText("Should a mid-sized bakery");
  const streamed = run.response.locator("pre").first();
  await expect(streamed).toContainText('"subtasks"');
  const early = (await streamed.textContent())?.length ?? 0;
  await expect.poll(async () => (await streamed.textContent())?.length ?? 0).toBeGreaterThan(early);

  await expect(run.status).toHaveText("Running");
  await expect(run.summary.getByText("Simulated models")).toBeVisible();
  await expect(run.nodeStatus("Research planner")).toHaveText("Running");
  await expect(run.nodeStatus("Reviewer")).toHaveText("Waiting");

  // The executor pools start together: several instances running at once.
  await expect(run.nodeStatus("Researcher")).toHaveText("Running", { timeout: 15_000 });
  await expect(run.node("Researcher").getByLabel(/Instances: [2-3] running/)).toBeVisible();
  await expect(run.nodeStatus("Research planner")).toHaveText("Done");

  await expect(run.status).toHaveText("Succeeded", { timeout: 45_000 });
  for (const label of ["Research planner", "Researcher", "Analyst", "Reviewer"]) await expect(run.nodeStatus(label)).toHaveText("Done");
  await expect(run.node("Researcher")).toContainText("3/3 done");
  await expect(run.result).toContainText("Approved by the reviewer");

  // An executor instance's transcript: its subtask prompt, a tool call with arguments and result, the streamed answer.
  await run.selectNode("Researcher");
  await expect(run.instances("Researcher")).toHaveCount(3);
  await run.instances("Researcher").nth(1).click();
  await expect(run.prompt).toContainText("Your subtask");
  const toolCall = run.response.getByRole("listitem", { name: "Tool call: calculator" });
  await expect(toolCall).toContainText("Server: built-in");
  await expect(toolCall).toContainText("Tool: calculator");
  await expect(toolCall).toContainText("expression");
  await expect(toolCall).toContainText("ok");
  await expect(run.response.getByRole("paragraph").first()).not.toBeEmpty();

  // The reviewer's verdict.
  await run.selectNode("Reviewer");
  await expect(run.transcript.getByRole("region", { name: "Verdict" })).toContainText("Verdict: approve");

  // Timeline: one lane per node; a pool's lane expands into its three instances.
  await run.openTab("Timeline");
  await expect(run.timelineLanes).toHaveCount(4);
  await run.poolToggle("Researcher").click();
  await expect(run.poolRows("Researcher")).toHaveCount(3);

  // Cost: per-node costs add up to the total, and the saving against the flagship baseline is shown.
  await run.openTab("Cost");
  const cells = await run.costTable.locator("tbody tr td:last-child").allTextContents();
  expect(cells).toHaveLength(4);
  const total = dollars((await run.costTable.locator("tfoot td:last-child").textContent()) ?? "");
  const sum = cells.map(dollars).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(0);
  expect(Math.abs(sum - total)).toBeLessThanOrEqual(0.0001 * cells.length);
  await expect(run.totalCost).toHaveText(`$${total.toFixed(4)}`);
  const saving = run.trace.getByRole("definition").filter({ hasText: /^\$0\.\d{4} \(\d+(\.\d)?%\)$/ });
  await expect(saving).toBeVisible();
  const detail = await (await request.get(`/api/v1/runs/${runId}`)).json();
  expect(detail.savingUsd).toBeGreaterThan(0);
  await expect(run.trace.getByText(`$${detail.baselineCostUsd.toFixed(4)}`).first()).toBeVisible();
});

test("reloading mid-run keeps following it live, without duplicates or gaps", async ({ page, request }) => {
  const runId = await startRun(request, graphId, TASK, 1);
  const run = new RunPage(page);
  await run.goto(runId);
  await expect(run.nodeStatus("Research planner")).toHaveText("Running");
  await page.reload();
  await expect(run.status).toHaveText("Running");
  await expect(run.summary.getByRole("status")).toHaveText("Live");
  await expect(run.status).toHaveText("Succeeded", { timeout: 30_000 });
  await expect(run.timelineLanes).toHaveCount(4);
  await run.expandPools();
  await expect(run.timelineBars).toHaveCount(8);
  await expect(run.node("Analyst")).toContainText("3/3 done");

  // What the page folded from the stream equals what the server stored.
  const detail = await (await request.get(`/api/v1/runs/${runId}`)).json();
  await expect(run.totalCost).toHaveText(`$${detail.costUsd.toFixed(4)}`);
  await run.openTab("Cost");
  for (const node of detail.nodes) {
    const row = run.costTable.getByRole("row").filter({ has: page.getByRole("rowheader", { name: node.label }) });
    await expect(row.getByRole("cell").nth(1)).toHaveText(node.usage.inputTokens.toLocaleString("en-US"));
  }
});

test("a dropped event stream reconnects with Last-Event-ID and misses nothing", async ({ page, request, baseURL }) => {
  const runId = await startRun(request, graphId, TASK, 0);
  expect(await waitForRunEnd(request, runId)).toBe("succeeded");
  const stream = await (await request.get(`/api/v1/runs/${runId}/events`)).text();
  const events = stream.split("\n\n").filter((block) => block.startsWith("id: "));
  expect(events.length).toBeGreaterThan(60);

  // The network drops the stream after 40 events; EventSource reconnects by itself, saying where it got to.
  const proxy = await startDroppingProxy(baseURL!, 40);
  try {
    const run = new RunPage(page);
    await page.goto(`${proxy.url}/runs/${runId}`);
    await expect.poll(() => proxy.lastEventIds.length).toBeGreaterThanOrEqual(2);
    expect(proxy.lastEventIds.slice(0, 2)).toEqual([null, "40"]);
    await expect(run.status).toHaveText("Succeeded");

    const detail = await (await request.get(`/api/v1/runs/${runId}`)).json();
    await expect(run.totalCost).toHaveText(`$${detail.costUsd.toFixed(4)}`);
    await run.expandPools();
    await expect(run.timelineBars).toHaveCount(events.filter((e) => e.includes('"type":"node.started"')).length);
    await run.openTab("Transcript");
    await run.selectNode("Reviewer");
    await expect(run.transcript.getByRole("region", { name: "Verdict" })).toContainText(detail.output.slice(0, 40));
  } finally {
    await proxy.close();
  }
});

test("a run can be cancelled from its page", async ({ page, request }) => {
  // At a third of realistic speed the planner's call lasts well over ten seconds: the cancel lands mid-call.
  const runId = await startRun(request, graphId, TASK, 0.33);
  const run = new RunPage(page);
  await run.goto(runId);
  await expect(run.nodeStatus("Research planner")).toHaveText("Running");
  await run.summary.getByRole("button", { name: "Cancel run" }).click();
  await expect(run.status).toHaveText("Cancelled");
  await expect(run.nodeStatus("Research planner")).toHaveText("Cancelled");
  await expect(run.nodeStatus("Reviewer")).toHaveText("Skipped");
  await expect(run.summary.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  expect((await (await request.get(`/api/v1/runs/${runId}`)).json()).status).toBe("cancelled");

  // The planner's call was cut off: its prompt is billed though no usage came back, so the cost is an estimate and says so.
  const note = "includes estimated usage from 1 interrupted or unreported call";
  await expect(run.totalCost).toHaveText(/^≈\$0\.\d{4}$/);
  await expect(run.totalCost).toHaveAttribute("title", note);
  await expect(run.costEstimatedMark).toBeVisible();
  await run.openTab("Cost");
  await expect(run.trace.getByText(note)).toBeVisible();
  await expect(run.costTable.locator("tfoot td:last-child")).toHaveText(/^≈\$/);
});

test("a finished run opens from the history and replays exactly as it ended", async ({ page, request }) => {
  const finished = await startRun(request, graphId, "Compare heat pumps with gas boilers for a family home.", 0);
  expect(await waitForRunEnd(request, finished)).toBe("succeeded");
  const detail = await (await request.get(`/api/v1/runs/${finished}`)).json();
  const other = await startRun(request, graphId, TASK, 0);
  await waitForRunEnd(request, other);

  const run = new RunPage(page);
  await run.goto(other);
  await run.history.getByRole("link", { name: /Compare heat pumps/ }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${finished}$`));
  await expect(run.status).toHaveText("Succeeded");
  await expect(run.totalCost).toHaveText(`$${detail.costUsd.toFixed(4)}`);
  for (const node of detail.nodes) await expect(run.nodeStatus(node.label)).toHaveText("Done");
  await expect(run.history.getByRole("link", { name: /Compare heat pumps/ })).toHaveAttribute("aria-current", "page");
  await expect(run.result).toContainText("Approved by the reviewer");
});

test("Run again: the launcher shows the estimate before running, calibrated on the past runs, then opens the new run", async ({ page, request }) => {
  // Two finished runs: the later one is held out and estimated from the earlier one.
  await waitForRunEnd(request, await startRun(request, graphId, TASK, 0));
  const first = await startRun(request, graphId, TASK, 0);
  await waitForRunEnd(request, first);
  const run = new RunPage(page);
  await run.goto(first);

  await run.summary.getByRole("button", { name: "Run again" }).click();
  const dialog = page.getByRole("dialog", { name: "Run this graph" });
  await expect(dialog.getByLabel("Task")).toHaveValue(TASK);
  await expect(dialog.getByText("No API key is set")).toBeVisible();
  const estimate = dialog.getByRole("region", { name: "Cost estimate" });
  await expect(estimate.getByRole("rowheader")).toHaveText(["Research planner", "Researcher", "Analyst", "Reviewer", "Total"]);
  await expect(estimate.getByLabel("Estimated total")).toHaveText(/^\$0\.\d{4} – \$0\.\d{4}$/);
  await expect(estimate).toContainText("counted exactly");
  const launcher = new RunLauncherDialog(page);
  await expect(launcher.nodeBasis("Researcher")).toHaveText(/^\d+ past simulated runs$/);
  await expect(estimate).toContainText(/Calibrated on the graph's last \d+ past simulated runs\./);
  await expect(launcher.estimateAccuracy).toHaveText(/^±\d+(\.\d)?% on \d+ past simulated runs?$/);

  await dialog.getByLabel("Task").fill("Is a heat pump worth it for a 1970s house?");
  await dialog.getByLabel("Simulator pace").selectOption({ label: "Instant" });
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${first}$`));
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await expect(run.status).toHaveText("Succeeded", { timeout: 20_000 });
  await expect(page.getByRole("region", { name: "Task" })).toContainText("Is a heat pump worth it");
});

test("HTML in the task and the model's output is shown as text, never run", async ({ page, request }) => {
  const payload = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
  const runId = await startRun(request, graphId, `Summarise electric vans. ${payload}`, 0);
  await waitForRunEnd(request, runId);
  const run = new RunPage(page);
  await run.goto(runId);
  await expect(run.status).toHaveText("Succeeded");
  await run.openTab("Transcript");
  await run.selectNode("Research planner");
  await expect(run.prompt).toContainText("<script>window.__pwned=1</script>");
  await run.selectNode("Reviewer");
  await expect(run.prompt).toContainText(`onerror="window.__pwned=2"`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("main script, main img")).toHaveCount(0);
});
