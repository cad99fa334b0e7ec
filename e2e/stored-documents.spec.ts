import { expect, test } from "@playwright/test";
import { overwriteStoredJson } from "./fixtures/stored-rows";
import { HomePage } from "./pages/home-page";
import { createGraphFromTemplate, startRun, waitForRunEnd } from "./pages/run-page";
import { UnreadableDocumentPage } from "./pages/unreadable-page";

// A node whose role this version does not know: what a newer Tierflow or a damaged row leaves behind.
const CORRUPTED = { schemaVersion: 1, nodes: [{ id: "x", role: "oracle" }], edges: [] };

test("a run whose graph snapshot is unreadable explains why, to its workspace and through its share link", async ({ page, request, browser, baseURL }) => {
  const graphId = await createGraphFromTemplate(request, "research-review", "Snapshot to corrupt");
  const runId = await startRun(request, graphId, "Compare two queues", 0);
  expect(await waitForRunEnd(request, runId)).toBe("succeeded");
  const link = await request.post(`/api/v1/runs/${runId}/shares`, { data: { hidePrompts: false } });
  const { url } = (await link.json()) as { url: string };
  overwriteStoredJson("Run", "graphSnapshot", runId, CORRUPTED);

  const reason = 'The graph snapshot of this run cannot be read by this version of Tierflow. Node "x": role must be one of planner, executor, reviewer or approval, not "oracle".';
  await page.goto(`/runs/${runId}`);
  await new UnreadableDocumentPage(page).expectNotice("This run can’t be shown", reason);
  await page.getByRole("link", { name: "Back to graphs" }).click();
  await expect(new HomePage(page).graphLink("Snapshot to corrupt")).toBeVisible();

  const guest = await browser.newContext({ baseURL, storageState: undefined });
  const shared = await guest.newPage();
  await shared.goto(url);
  await new UnreadableDocumentPage(shared).expectNotice("This run can’t be shown", reason);
  await guest.close();
});

test("a graph whose stored document is unreadable stays listed and explains why when opened", async ({ page, request }) => {
  const graphId = await createGraphFromTemplate(request, "codebase-docs", "Graph to corrupt");
  overwriteStoredJson("Graph", "document", graphId, { ...CORRUPTED, schemaVersion: 99 });

  const home = new HomePage(page);
  await home.goto();
  await expect(home.graphRow("Graph to corrupt")).toContainText("Can’t be read by this version");
  await home.graphLink("Graph to corrupt").click();
  await new UnreadableDocumentPage(page).expectNotice("This graph can’t be opened", /saved by a newer version of Tierflow \(schema version 99; this one reads up to \d+\)/);
});
