import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/paths";
import { createGraph, EditorPage, fetchGraph } from "./pages/editor-page";
import { HomePage } from "./pages/home-page";
import { RunLauncherDialog } from "./pages/run-launcher";

test("a half-built graph is saved with its problem: another browser opens it, and only Run refuses it", async ({ page, browser, baseURL }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createGraph("Half-built", "Blank");
  const id = page.url().split("/").pop()!;
  const editor = new EditorPage(page);

  // A lone planner is a problem, and the graph is saved with it.
  await editor.paletteButton("planner").click();
  await expect(editor.nodes).toHaveCount(2);
  await editor.expectSaved(1);
  const stored = await (await page.request.get(`/api/v1/graphs/${id}`)).json();
  expect(stored.graph.nodes.map((node: { label: string }) => node.label).sort()).toEqual(["Executor", "Planner"]);
  expect(stored.problems).toEqual([expect.objectContaining({ code: "planner_without_executor" })]);

  // A fresh browser (no local draft) sees the planner, and the problem, from the server.
  const fresh = await browser.newContext({ baseURL, storageState: OWNER_STATE });
  try {
    const other = new EditorPage(await fresh.newPage());
    await other.goto(id);
    await expect(other.nodes).toHaveCount(2);
    await expect(other.node("planner", "Planner")).toBeVisible();
    await other.expectSaved(1);
    await expect(other.problems).toContainText("no executor downstream");
    await expect(other.page.getByText("Restored unsaved changes")).toHaveCount(0);

    const launcher = new RunLauncherDialog(other.page);
    await launcher.openWith(other.button(/^Run$/));
    await expect(launcher.problems).toContainText('Planner "Planner" has no executor downstream');
    await expect(launcher.startButton).toBeDisabled();

    const list = new HomePage(other.page);
    await list.goto();
    await expect(list.graphRow("Half-built")).toContainText("2 nodes · 1 problem");
  } finally {
    await fresh.close();
  }

  // Fixing it is an ordinary save, and Run is ready.
  await editor.connect("Planner", "Executor");
  await editor.expectSaved();
  const launcher = new RunLauncherDialog(page);
  await launcher.openWith(editor.button(/^Run$/));
  await expect(launcher.problems).toHaveCount(0);
  await expect(launcher.startButton).toBeEnabled();
});

test("leaving with edits the server does not have yet asks first, and the browser keeps them until it does", async ({ page, request }) => {
  const id = await createGraph(request, "Flaky connection", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);

  // The server cannot be reached for saves: the edit stays in this browser.
  const blockSaves = (route: import("@playwright/test").Route) => (route.request().method() === "PUT" ? route.abort() : route.fallback());
  await page.route(`**/api/v1/graphs/${id}`, blockSaves);
  await editor.select("reviewer", "Reviewer");
  await editor.setLabel("Final check");
  await expect(editor.saveStatus).toHaveText("Save failed: retrying…");

  const asked = page.waitForEvent("dialog");
  const reload = page.reload();
  const dialog = await asked;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.accept();
  await reload;

  // The local draft (the crash-safety net) brings the edit back, and it is saved once the server answers.
  await expect(page.getByText("Restored unsaved changes from this browser")).toBeVisible();
  await expect(editor.node("reviewer", "Final check")).toBeVisible();
  await page.unroute(`**/api/v1/graphs/${id}`, blockSaves);
  await editor.expectSaved();
  expect((await fetchGraph(request, id)).graph.nodes.map((node) => node.label)).toContain("Final check");

  // A malformed edit (an empty label) is the one thing that waits in the browser.
  await editor.select("reviewer", "Final check");
  await editor.setLabel("");
  await expect(editor.saveStatus).toHaveText("Not saved: 1 invalid field");
  await editor.setLabel("Final check, again");
  await editor.expectSaved();

  // Nothing unsaved: leaving does not ask (a dialog nobody answers would keep the page here).
  let askedAgain = false;
  page.on("dialog", (next) => {
    askedAgain = true;
    void next.dismiss();
  });
  await page.reload();
  await expect(editor.node("reviewer", "Final check, again")).toBeVisible();
  expect(askedAgain).toBe(false);
});
