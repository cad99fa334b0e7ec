import { expect, test, type BrowserContext } from "@playwright/test";
import { newAccount, signedInContext } from "./fixtures/accounts";
import { createGraphFromTemplate, startRun, waitForRunEnd } from "./pages/run-page";
import { RunsListPage } from "./pages/runs-list-page";

let context: BrowserContext;
const ALPHA_RUNS = 26;

test.beforeAll(async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  context = await signedInContext(browser, baseURL!, newAccount("Rui Runs"));
  expect((await context.request.post("/api/v1/workspaces", { data: { name: "Run lab" } })).status()).toBe(201);
  const alpha = await createGraphFromTemplate(context.request, "research-review", "Alpha");
  const beta = await createGraphFromTemplate(context.request, "research-review", "Beta");
  const started: string[] = [];
  for (let i = 1; i <= ALPHA_RUNS; i++) started.push(await startRun(context.request, alpha, `Alpha task ${i}`, 0));
  started.push(await startRun(context.request, beta, "Beta task that succeeds", 0));
  const tight = await context.request.post(`/api/v1/graphs/${beta}/runs`, { data: { input: "Beta task on a tight budget", budgetUsd: 0.000001, simulation: { speed: 0 } } });
  expect(tight.status()).toBe(201);
  started.push((await tight.json()).id);
  for (const id of started) await waitForRunEnd(context.request, id);

  // A run in someone else's workspace (the default one's owner): it must never show up.
  const theirs = await createGraphFromTemplate(request, "research-review", "Not yours");
  await waitForRunEnd(request, await startRun(request, theirs, "Olivia's private plan", 0));
});
test.afterAll(async () => context.close());

test("the Runs page lists the workspace's runs newest first, filters by status and graph, and loads more", async () => {
  const page = await context.newPage();
  const runs = new RunsListPage(page);
  await runs.openFromHeader();

  await expect(runs.rows).toHaveCount(25);
  await expect(runs.rows.first()).toContainText("Beta task on a tight budget");
  await expect(runs.count).toHaveText("25 runs shown");
  await runs.loadMore.click();
  await expect(runs.rows).toHaveCount(ALPHA_RUNS + 2);
  await expect(runs.count).toHaveText(`${ALPHA_RUNS + 2} runs shown, all of them`);
  await expect(runs.loadMore).toBeHidden();
  await expect(runs.rows.last()).toContainText("Alpha task 1");
  await expect(page.getByText("Olivia's private plan")).toHaveCount(0);

  await runs.filterStatus("Over budget");
  await expect(page).toHaveURL(/[?&]status=budget_exceeded/);
  await expect(runs.rows).toHaveCount(1);
  await expect(runs.rows.first()).toContainText("Beta task on a tight budget");
  await expect(runs.rows.first().getByLabel("Status: Over budget")).toBeVisible();

  await runs.filterStatus("All statuses");
  await runs.filterGraph("Beta");
  await expect(runs.rows).toHaveCount(2);
  for (const row of await runs.rows.all()) await expect(row.getByRole("cell").first()).toHaveText("Beta");
  await runs.filterStatus("Succeeded");
  await expect(runs.rows).toHaveCount(1);
  await expect(runs.rows.first()).toContainText("Beta task that succeeds");

  // A filtered list is a link: it reloads as it was.
  await page.reload();
  await expect(page.getByLabel("Graph", { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("succeeded");
  await expect(runs.rows).toHaveCount(1);

  await runs.filterStatus("Failed");
  await expect(page.getByText("No runs match these filters.")).toBeVisible();

  await runs.clearFilters();
  await expect(runs.rows).toHaveCount(25);
  await runs.row("Beta task that succeeds").getByRole("link").click();
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await expect(page.getByRole("region", { name: "Task" })).toContainText("Beta task that succeeds");
});
