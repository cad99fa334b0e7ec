import { expect, test } from "@playwright/test";
import { OWNER } from "./fixtures/paths";
import { createGraphFromTemplate, RunPage, startRun, waitForRunEnd } from "./pages/run-page";
import { ShareLinksSettingsPage } from "./pages/share-links-page";
import { ShareDialog } from "./pages/share-page";

const GRAPH = "Share-link audit";

test("share links are listed with their options, creator and last view, and revoking one ends it", async ({ page, request, browser, baseURL }, testInfo) => {
  const graphId = await createGraphFromTemplate(request, "research-review", GRAPH);
  const runId = await startRun(request, graphId, "Compare three note-taking apps for a small team [sim:items=2]", 0);
  await waitForRunEnd(request, runId);

  // Two links with different options, both listed in the run's dialog.
  await new RunPage(page).goto(runId);
  const share = new ShareDialog(page);
  await share.open();
  await share.createLink();
  const hiddenUrl = await share.createLink({ hidePrompts: true, showTask: true });
  const [hidden, plain] = [share.links.nth(0), share.links.nth(1)];
  for (const text of ["Prompts hidden", "Task shown", `Created just now by ${OWNER.name}`, "Never viewed"]) await expect(hidden).toContainText(text);
  for (const text of ["Prompts shown", `by ${OWNER.name}`, "Never viewed"]) await expect(plain).toContainText(text);
  await expect(plain).not.toContainText("Prompts hidden");
  await page.screenshot({ path: testInfo.outputPath("share-dialog.png") });
  await share.close();

  // The workspace's list shows the same, with the run, and never a token.
  const settings = new ShareLinksSettingsPage(page);
  await settings.goto();
  const hiddenRow = settings.row(GRAPH, "Prompts hidden");
  const plainRow = settings.row(GRAPH, "Prompts shown");
  await expect(hiddenRow).toContainText("Task shown");
  await expect(hiddenRow).toContainText(`Created just now by ${OWNER.name}`);
  await expect(hiddenRow).toContainText("Never viewed");
  await expect(plainRow).toContainText("Never viewed");
  expect(await settings.createdTitle(hiddenRow)).toMatch(/\b20\d\d\b.*\d:\d\d\s?[AP]M/);
  await expect(page.getByText(new URL(hiddenUrl).pathname.split("/").pop()!)).toHaveCount(0);
  await expect(hiddenRow.getByRole("link", { name: GRAPH })).toHaveAttribute("href", `/runs/${runId}`);

  // Someone signed out opens the hidden-prompts link: its row now says it was viewed.
  const guest = await browser.newContext({ baseURL, storageState: undefined });
  const guestPage = await guest.newPage();
  expect((await guestPage.goto(hiddenUrl))?.status()).toBe(200);
  await settings.goto();
  await expect(hiddenRow).toContainText("Viewed just now");
  await expect(plainRow).toContainText("Never viewed");
  await page.screenshot({ path: testInfo.outputPath("share-links-settings.png"), fullPage: true });

  // Revoke asks first; cancelling keeps the link.
  await hiddenRow.getByRole("button", { name: /^Revoke link …/ }).click();
  await hiddenRow.getByRole("button", { name: "Cancel" }).click();
  expect((await guestPage.reload())?.status()).toBe(200);
  await settings.revoke(hiddenRow);
  await expect(plainRow).toHaveCount(1);
  expect((await guestPage.reload())?.status()).toBe(404);

  // Gone from both lists for good.
  await settings.goto();
  await expect(hiddenRow).toHaveCount(0);
  await new RunPage(page).goto(runId);
  await share.open();
  await expect(share.links).toHaveCount(1);
  await guest.close();
});
