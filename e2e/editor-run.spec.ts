import { expect, test } from "@playwright/test";
import { createGraph, EditorPage } from "./pages/editor-page";
import { RunLauncherDialog } from "./pages/run-launcher";
import { RunPage } from "./pages/run-page";

test("Run in the editor saves the latest edit, runs it, and the run shows up in the graph's runs", async ({ page, request }) => {
  const id = await createGraph(request, "Editor run", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);

  // An edit the server has not seen yet when Run is pressed.
  await editor.select("reviewer", "Reviewer");
  await editor.setLabel("Final editor");
  await editor.button(/^Run$/).click();
  const dialog = page.getByRole("dialog", { name: "Run this graph" });
  const estimate = dialog.getByRole("region", { name: "Cost estimate" });
  await expect(estimate.getByRole("rowheader", { name: "Final editor" })).toBeVisible();
  await dialog.getByLabel("Task").fill("Compare three ways to cut a small team's cloud bill.");
  await dialog.getByLabel("Simulator pace").selectOption({ label: "Instant" });
  await dialog.getByRole("button", { name: "Start run" }).click();

  const run = new RunPage(page);
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await expect(run.status).toHaveText("Succeeded", { timeout: 20_000 });
  await expect(run.nodeStatus("Final editor")).toHaveText("Done");
  const runUrl = page.url();

  await editor.goto(id);
  await editor.button(/^Runs$/).click();
  const runs = page.getByRole("dialog", { name: "Runs of this graph" });
  await expect(runs.getByRole("link", { name: /Compare three ways/ })).toHaveCount(1);
  await runs.getByRole("link", { name: /Compare three ways/ }).click();
  await expect(page).toHaveURL(runUrl);
});

test("Run lists the problems instead of starting while the graph has them, and the API refuses the run", async ({ page, request }) => {
  const id = await createGraph(request, "Editor run with problems", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);

  // A planner with no executor downstream cannot run; the graph is saved with it all the same.
  await editor.paletteButton("planner").click();
  await editor.expectSaved(1);
  const launcher = new RunLauncherDialog(page);
  await launcher.openWith(editor.button(/^Run$/));
  await expect(launcher.problems).toContainText('Planner "Planner" has no executor downstream');
  await expect(launcher.startButton).toBeDisabled();
  await expect(launcher.startButton).toHaveAccessibleDescription(/can’t run yet: it has 1 problem/);
  // The price of what is drawn so far is still shown.
  await expect(launcher.estimatedTotal).toHaveText(/^\$0\.\d{4}/);

  const refused = await request.post(`/api/v1/graphs/${id}/runs`, { data: { input: "Anything" } });
  expect(refused.status()).toBe(422);
  const { error } = await refused.json();
  expect(error.details.errors).toEqual([expect.objectContaining({ code: "planner_without_executor" })]);
  await expect(page).toHaveURL(new RegExp(`/graphs/${id}$`));
});
