import { expect, test } from "@playwright/test";
import { newAccount, signedInContext } from "./fixtures/accounts";
import { NotFoundPage } from "./pages/not-found-page";
import { createGraphFromTemplate, RunPage, startRun, waitForRunEnd } from "./pages/run-page";

const GRAPH = "Alpha's triage graph";

test("a link into another of my workspaces opens there and says so; anyone else gets the 404 of a missing id", async ({ browser, baseURL }) => {
  // Ada belongs to Alpha (a graph and a finished run in it) and Beta, which is current.
  const ada = await signedInContext(browser, baseURL!, newAccount("Ada Member"));
  expect((await ada.request.post("/api/v1/workspaces", { data: { name: "Alpha lab" } })).status()).toBe(201);
  const graphId = await createGraphFromTemplate(ada.request, "triage-at-scale", GRAPH);
  const runId = await startRun(ada.request, graphId, "Sort these tickets", 0);
  await waitForRunEnd(ada.request, runId);
  expect((await ada.request.post("/api/v1/workspaces", { data: { name: "Beta lab" } })).status()).toBe(201);
  const page = await ada.newPage();

  await test.step("the graph link switches to Alpha and says so", async () => {
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Workspace: Beta lab" })).toBeVisible();
    await page.goto(`/graphs/${graphId}`);
    await expect(page.getByRole("status").filter({ hasText: "Switched to workspace Alpha lab" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Graph name" })).toHaveValue(GRAPH);
    await expect(page.getByRole("button", { name: "Workspace: Alpha lab" })).toBeVisible();
    // The marker leaves the address: a reload or a copied link does not announce it again.
    await expect(page).toHaveURL(new RegExp(`/graphs/${graphId}$`));
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Graph name" })).toHaveValue(GRAPH);
    await expect(page.getByText("Switched to workspace")).toHaveCount(0);
  });

  await test.step("so does the run link, from Beta again", async () => {
    await page.goto("/");
    await page.getByRole("button", { name: "Workspace: Alpha lab" }).click();
    await page.getByRole("list", { name: "Your workspaces" }).getByRole("button", { name: /Beta lab/ }).click();
    await expect(page.getByRole("button", { name: "Workspace: Beta lab" })).toBeVisible();
    await new RunPage(page).goto(runId);
    await expect(page.getByRole("status").filter({ hasText: "Switched to workspace Alpha lab" })).toBeVisible();
    await expect(new RunPage(page).status).toContainText(/succeeded/i);
    await expect(page.getByRole("button", { name: "Workspace: Alpha lab" })).toBeVisible();
  });

  await test.step("a stranger gets the branded 404, the same as for ids that do not exist", async () => {
    const stranger = await signedInContext(browser, baseURL!, newAccount("Stranger"));
    expect((await stranger.request.post("/api/v1/workspaces", { data: { name: "Stranger's lab" } })).status()).toBe(201);
    const notFound = new NotFoundPage(await stranger.newPage());
    for (const path of [`/graphs/${graphId}`, `/runs/${runId}`]) {
      const foreign = await notFound.open(path);
      const missing = await notFound.open(path.replace(/[^/]+$/, "does-not-exist"));
      expect(foreign.status, path).toBe(404);
      expect(foreign).toEqual(missing);
      expect(foreign.text).not.toContain(GRAPH);
      expect(foreign.text).not.toContain("Alpha lab");
      await expect(notFound.backToGraphs).toBeVisible();
    }
    await notFound.backToGraphs.click();
    await expect(stranger.pages()[0].getByRole("heading", { level: 1, name: "Graphs" })).toBeVisible();
    // Still in their own workspace: nothing was switched for them.
    await expect(stranger.pages()[0].getByRole("button", { name: "Workspace: Stranger's lab" })).toBeVisible();
    await stranger.close();
  });

  await test.step("signed out, an unknown address offers to sign in", async () => {
    const anonymous = await browser.newContext({ baseURL, storageState: undefined });
    const notFound = new NotFoundPage(await anonymous.newPage());
    expect((await notFound.open("/no-such-page")).status).toBe(404);
    await expect(notFound.signIn).toBeVisible();
    await anonymous.close();
  });

  await ada.close();
});
