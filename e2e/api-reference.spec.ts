import { expect, test } from "@playwright/test";
import { runCurl } from "./fixtures/curl";
import { ApiReferencePage } from "./pages/api-reference-page";
import { createGraph, EditorPage } from "./pages/editor-page";
import { RunLauncherDialog } from "./pages/run-launcher";
import { ApiKeysSettingsPage } from "./pages/settings-pages";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { summary: string }>>;
}

test("the API reference shows every operation of the served document, and loads nothing from elsewhere", async ({ page, request, baseURL }, testInfo) => {
  const origin = new URL(baseURL!).origin;
  const elsewhere: string[] = [];
  await page.context().route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    elsewhere.push(url);
    return route.abort("internetdisconnected");
  });

  const reference = new ApiReferencePage(page);
  await reference.openFromHeader();
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as Document;
  expect(document.openapi).toBe("3.1.0");
  const summaries = Object.values(document.paths).flatMap((operations) => Object.values(operations).map((operation) => operation.summary));
  expect(summaries).toEqual(expect.arrayContaining(["List the workspace's runs", "Start a run", "Download a run's trace"]));
  // Every operation is listed; a few are opened to see their parameters and bodies rendered from the schemas.
  for (const summary of summaries) await expect(reference.sidebarEntry(summary), summary).toBeVisible();
  const listRuns = await reference.open("List the workspace's runs");
  await expect(listRuns).toContainText("Query Parameters");
  for (const parameter of ["status", "graphId", "cursor", "limit"]) await expect(listRuns.getByText(parameter, { exact: true }).first()).toBeVisible();
  await expect(await reference.open("Download a run's trace")).toContainText("Content-Disposition");
  const startRun = await reference.open("Start a run");
  await expect(startRun).toContainText("Needs the editor role");
  for (const field of ["input", "budgetUsd", "simulation"]) await expect(startRun.getByText(field, { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("api-reference.png") });
  expect(elsewhere).toEqual([]);
});

test("Copy as curl in the run launcher copies the exact start request, and it starts that run with an API key", async ({ page, request }) => {
  const graphId = await createGraph(request, "Curl launch", { template: "research-review" });
  const created = await request.post("/api/v1/api-keys", { data: { name: "Launcher curl" } });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };

  const editor = new EditorPage(page);
  await editor.goto(graphId);
  await editor.button(/^Run$/).click();
  const launcher = new RunLauncherDialog(page);
  // Quotes, a dollar sign and a line break: what breaks a badly quoted command.
  const task = `Compare "hot" and 'cold' storage tiers; keep it under $5.\nAnswer in a table.`;
  await launcher.fill({ task, budget: "0.75", pace: "Instant" });
  const command = await launcher.copyAsCurl();
  expect(command).toContain("$TIERFLOW_API_KEY");
  expect(command).not.toContain(key);

  const response = await runCurl(command, { TIERFLOW_API_KEY: key });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  const run = await (await request.get(`/api/v1/runs/${id}`)).json();
  expect(run).toMatchObject({ id, graphId, input: task, budgetUsd: 0.75 });
  // Copying started nothing by itself: the dialog is still open.
  await expect(launcher.dialog).toBeVisible();
});

test("a new API key comes with a curl example that works as shown, once", async ({ page, request }) => {
  const graphId = await createGraph(request, "Listed by curl", { template: "research-review" });
  const keys = new ApiKeysSettingsPage(page);
  await keys.goto();
  const { key, curl } = await keys.createWithCurl("Curl example");
  expect(curl).toContain(key);

  const response = await runCurl(curl, {});
  expect(response.status).toBe(200);
  const { graphs } = (await response.json()) as { graphs: { id: string }[] };
  expect(graphs.map((graph) => graph.id)).toContain(graphId);
  expect(await page.content()).not.toContain(key);
});
