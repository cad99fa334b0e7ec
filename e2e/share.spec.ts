import { expect, test } from "@playwright/test";
import { createGraphFromTemplate, dollars, RunPage, startRun, waitForRunEnd } from "./pages/run-page";
import { ShareDialog, SharedRunPage } from "./pages/share-page";

const TASK = "Should a mid-sized bakery switch its delivery vans to electric vehicles? [sim:items=6]";
/** Longer than any phrase the simulator lifts from a task, so only the task itself contains it. */
const TASK_START = "Should a mid-sized bakery switch its delivery vans";

let graphId: string;

test.beforeAll(async ({ request }) => {
  graphId = await createGraphFromTemplate(request, "research-review", "Research and review (sharing)");
});

test("a share link shows the run live to someone signed out, read-only, until it is revoked", async ({ page, request, browser, baseURL }) => {
  test.setTimeout(90_000);
  // At half the realistic speed the run takes about twenty seconds: time to share it while it goes.
  const runId = await startRun(request, graphId, TASK, 0.5);
  await new RunPage(page).goto(runId);
  const share = new ShareDialog(page);
  await share.open();
  const url = await share.createLink();
  await share.close();

  const guest = await browser.newContext({ baseURL, storageState: undefined });
  expect((await guest.request.get(`/api/v1/runs/${runId}`, { failOnStatusCode: false })).status()).toBe(401);
  const shared = new SharedRunPage(await guest.newPage());
  await shared.open(url);

  // Text streams in while we watch, on whichever node is running by now.
  await expect(shared.status).toHaveText("Running");
  await shared.openTab("Transcript");
  await expect(async () => {
    await shared.runningNodeInTranscript.click();
    const early = (await shared.response.textContent())?.length ?? 0;
    await expect.poll(async () => (await shared.response.textContent())?.length ?? 0, { timeout: 3_000 }).toBeGreaterThan(early);
  }).toPass({ timeout: 20_000 });
  await expect(shared.prompt).toContainText("Should a mid-sized bakery");
  await expect(shared.readOnlyLabel).toBeVisible();
  await expect(shared.summary.getByText("Simulated models")).toBeVisible();
  await expect(shared.page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);

  await expect(shared.status).toHaveText("Succeeded", { timeout: 45_000 });
  expect(dollars((await shared.totalCost.textContent()) ?? "")).toBeGreaterThan(0);
  await expect(shared.result).toContainText("Approved by the reviewer");
  await shared.openTab("Cost");
  await expect(shared.costTable).toContainText("Reviewer");

  // Nothing to act on, and no way into the workspace.
  await expect(shared.actions).toHaveCount(0);
  await expect(shared.page.locator('a[href^="/graphs"], a[href^="/runs"], a[href="/"]')).toHaveCount(0);
  await expect(shared.page.getByText("My workspace")).toHaveCount(0);

  // The owner revokes it: the link is gone for good.
  await share.open();
  await share.revokeNewest();
  const reloaded = await shared.page.reload();
  expect(reloaded?.status()).toBe(404);
  expect((await guest.request.get(new URL(url).pathname.replace("/share/", "/api/share/"), { failOnStatusCode: false })).status()).toBe(404);
  await guest.close();
});

test("a link that hides prompts shows the work but no prompt text, and the task only when the sharer says so", async ({ page, request, browser, baseURL }) => {
  const runId = await startRun(request, graphId, TASK, 0);
  await waitForRunEnd(request, runId);
  await new RunPage(page).goto(runId);
  const share = new ShareDialog(page);
  await share.open();
  const url = await share.createLink({ hidePrompts: true });
  await expect(share.links.first()).toContainText("Prompts hidden");
  await expect(share.links.first()).toContainText("Task hidden");

  const guest = await browser.newContext({ baseURL, storageState: undefined });
  const shared = new SharedRunPage(await guest.newPage());
  await shared.open(url);
  await expect(shared.status).toHaveText("Succeeded");
  await expect(shared.task).toContainText("The task is hidden on this shared link.");
  await shared.openTab("Transcript");
  for (const label of ["Research planner", "Researcher", "Reviewer"]) {
    await shared.selectNode(label);
    await expect(shared.prompt).toContainText("Prompts and instructions are hidden");
    await expect(shared.prompt).not.toContainText("Your subtask");
    await expect(shared.prompt.getByText("System prompt")).toHaveCount(0);
    await expect(shared.response).not.toBeEmpty();
  }
  // The planner's subtasks keep their titles; what it told each executor to do is gone.
  await shared.selectNode("Research planner");
  await expect(shared.response).toContainText("subtask instructions are hidden");
  await expect(shared.transcript.getByRole("region", { name: "Plan" }).getByRole("listitem").first()).toBeVisible();
  await expect(shared.page.getByText(TASK_START)).toHaveCount(0);

  // Not merely hidden on screen: neither the run nor the stream the page reads carries them.
  const api = new URL(url).pathname.replace("/share/", "/api/share/");
  const events = await (await guest.request.get(`${api}/events`)).text();
  expect(events).toContain('"type":"run.completed"');
  expect(events).not.toMatch(/"role":"(system|user)"/);
  for (const payload of [events, await (await guest.request.get(api)).text()]) expect(payload).not.toContain(TASK_START);

  // A second link, with the task shown: the task is there, the prompts still are not.
  const withTask = await share.createLink({ hidePrompts: true, showTask: true });
  await expect(share.links.first()).toContainText("Prompts hidden");
  await expect(share.links.first()).not.toContainText("Task hidden");
  await shared.open(withTask);
  await expect(shared.task).toContainText(TASK_START);
  await shared.openTab("Transcript");
  await shared.selectNode("Researcher");
  await expect(shared.prompt).toContainText("Prompts and instructions are hidden");
  await guest.close();
});
