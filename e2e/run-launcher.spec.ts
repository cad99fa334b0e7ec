import { expect, test } from "@playwright/test";
import { createGraph, EditorPage } from "./pages/editor-page";
import { RunLauncherDialog } from "./pages/run-launcher";
import { dollars, RunPage } from "./pages/run-page";

test("the launcher says what is wrong with its input instead of greying out Start run", async ({ page, request }) => {
  const id = await createGraph(request, "Launcher input", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);
  const launcher = new RunLauncherDialog(page);
  await launcher.openWith(editor.button(/^Run$/));

  // An empty task: Start run says so, on the field, and puts the cursor there.
  await expect(launcher.startButton).toBeEnabled();
  await launcher.startButton.click();
  await launcher.expectInvalid(launcher.task, /Enter a task/);
  await expect(launcher.task).toBeFocused();

  await launcher.task.fill("Compare three ways to cut a small team's cloud bill.");
  await expect(launcher.task).toHaveAttribute("aria-invalid", "false");

  for (const [typed, message] of [
    ["-1", /cannot be negative/],
    ["ten cents", /number of US dollars/],
    ["0", /more than \$0/],
  ] as const) {
    await launcher.budget.fill(typed);
    await launcher.expectInvalid(launcher.budget, message);
  }
  await launcher.startButton.click();
  await expect(launcher.budget).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/graphs/${id}$`));

  await launcher.budget.fill("");
  await expect(launcher.budget).toHaveAttribute("aria-invalid", "false");
  await expect(launcher.budget).toHaveAccessibleDescription("The run stops when it has spent this much.");
});

test("a budget below the estimate's low end is flagged before the run, and the run then stops on it", async ({ page, request }) => {
  const id = await createGraph(request, "Launcher budget", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);
  const launcher = new RunLauncherDialog(page);
  await launcher.openWith(editor.button(/^Run$/));
  await launcher.task.fill("Should a bakery switch its delivery vans to electric?");
  await expect(launcher.estimate).toContainText("counted exactly");
  // A new graph has no runs yet: every node is priced from the per-role priors, and says so.
  await expect(launcher.estimate).toContainText("Priors only: this graph has no succeeded simulated runs to calibrate on yet.");
  await expect(launcher.nodeBasis("Reviewer")).toHaveText("priors");

  // The high end allows for the revisions the reviewer may ask for.
  await expect(launcher.estimate).toContainText("The range includes revisions: Reviewer may send work back up to 2 times.");
  const [low, high] = (await launcher.estimatedTotal.innerText()).split("–").map(dollars);
  expect(high).toBeGreaterThan(low * 2.5);

  await launcher.budget.fill((low / 4).toFixed(4));
  await expect(launcher.dialog.getByText(/below the lowest estimate/)).toBeVisible();
  await expect(launcher.budget).toHaveAccessibleDescription(/below the lowest estimate \(\$0\.\d{4}\): the run will most likely stop before it finishes/);
  await expect(launcher.budget).toHaveAttribute("aria-invalid", "false");

  await launcher.budget.fill(((low + high) / 2).toFixed(4));
  await expect(launcher.budget).toHaveAccessibleDescription(/may stop early: the estimate goes up to \$0\.\d{4}/);
  await launcher.budget.fill((high * 2).toFixed(4));
  await expect(launcher.budget).toHaveAccessibleDescription("The run stops when it has spent this much.");

  // Warned, the user may still start it: the run stops at the budget, as the warning said.
  await launcher.budget.fill((low / 4).toFixed(4));
  await launcher.choosePace("Instant");
  await launcher.startButton.click();
  const run = new RunPage(page);
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await expect(run.status).toHaveText("Over budget", { timeout: 20_000 });
});
