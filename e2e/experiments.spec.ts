import { expect, test } from "@playwright/test";
import { createGraph, EditorPage, fetchGraph } from "./pages/editor-page";
import { DatasetsPage, ExperimentsPage } from "./pages/evals-pages";

const tiersOf = async (request: Parameters<typeof fetchGraph>[0], id: string) =>
  Object.fromEntries((await fetchGraph(request, id)).graph.nodes.map((n) => [n.id, n.tier]));

test("import a 20-case CSV, compare three variants, run the tier advisor, apply its tiers and undo them", async ({ page, request }) => {
  test.setTimeout(180_000);
  const graphId = await createGraph(request, "Docs to evaluate", { template: "codebase-docs" });
  const design = await tiersOf(request, graphId);

  const datasets = new DatasetsPage(page);
  await datasets.create("Docs cases");
  // A file with a bad row imports nothing and names the row.
  await datasets.importFile({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("input,difficulty\nfine,0.2\n,0.3\n") });
  await expect(datasets.importProblem).toContainText("1 row could not be imported; nothing was imported.");
  await expect(datasets.importProblem).toContainText("Row 2: input:");
  await expect(datasets.cases).toHaveCount(0);
  await datasets.importFile("e2e/fixtures/docs-cases-20.csv");
  await expect(datasets.notice).toHaveText("Imported 20 cases from docs-cases-20.csv.");
  await expect(datasets.cases).toHaveCount(20);

  const experiments = new ExperimentsPage(page);
  await experiments.open(graphId, /^Docs cases/);
  await expect(experiments.variant("As designed")).toBeChecked();
  await expect(experiments.variant("All flagship")).toBeChecked();
  await expect(experiments.variant("File classifier → nano")).toHaveCount(0); // already nano: nothing below it
  await experiments.variant("Summariser → nano").check();
  await experiments.form.getByRole("button", { name: "Start experiment" }).click();
  await expect(page).toHaveURL(/\/experiments\/[a-z0-9]+$/, { timeout: 30_000 });
  await expect(experiments.progress).toHaveAttribute("aria-valuemax", "60");
  await expect(experiments.status).toHaveText("Finished", { timeout: 90_000 });
  await expect(experiments.progress).toHaveAttribute("aria-valuenow", "60");
  await expect(page.getByText("Every figure here is simulated.")).toBeVisible();
  await expect(experiments.results).toHaveAccessibleName("Results per variant (simulated)");
  await expect(experiments.resultRow("All flagship")).toContainText(/\d+\/20/);
  await expect(experiments.resultRow("Summariser → nano")).toContainText(/\d+\/20/);
  await expect(experiments.chart).toBeVisible();
  await expect(experiments.chart.locator("circle")).toHaveCount(3);

  // A case compared across the variants, each with its grade's reason and its run.
  await page.getByRole("button", { name: "Case 3" }).click();
  const comparison = page.getByRole("table", { name: "This case across variants" });
  await expect(comparison.getByRole("row")).toHaveCount(4);
  await expect(comparison.getByRole("row").nth(1)).toContainText(/The output (does not )?contain/);
  await expect(comparison.getByRole("link", { name: "Open run" })).toHaveCount(3);

  // The advisor searches, proposes, and the proposal goes into the graph as one undoable edit.
  await experiments.open(graphId, /^Docs cases/);
  await experiments.form.getByRole("button", { name: "Run the tier advisor" }).click();
  await expect(page).toHaveURL(/\/experiments\/[a-z0-9]+$/, { timeout: 30_000 });
  await expect(experiments.status).toHaveText("Finished", { timeout: 120_000 });
  await expect(experiments.proposal).toContainText("not significantly worse");
  await experiments.proposal.getByRole("link", { name: "Apply in the editor" }).click();
  const editor = new EditorPage(page);
  await expect(editor.canvas).toBeVisible();
  const banner = page.getByRole("region", { name: "Tier advisor's proposal" });
  await banner.getByRole("button", { name: "Apply tiers" }).click();
  await expect(banner).toContainText("Undo restores the design.");
  await editor.expectSaved();
  const applied = await tiersOf(request, graphId);
  expect(applied).not.toEqual(design);
  await editor.button("Undo").click();
  await editor.expectSaved();
  expect(await tiersOf(request, graphId)).toEqual(design);

  // The editor's static tier hint leads to an experiment on this graph.
  await editor.select("reviewer", "Documentation writer");
  await editor.inspector.getByRole("link", { name: "Prove it with an experiment" }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments\\?graphId=${graphId}$`));
});
