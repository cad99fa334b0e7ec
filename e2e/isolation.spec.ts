import { expect, test } from "@playwright/test";
import { newAccount, signUpThroughApi } from "./fixtures/accounts";
import { createGraphFromTemplate, startRun, waitForRunEnd } from "./pages/run-page";

const MARK = "Stranger's confidential graph";

test("another workspace's pages and API answer 404, and signed-out visitors are sent to sign in", async ({ page, playwright, baseURL, browser }) => {
  // A stranger with a workspace of their own, a graph and a finished run in it.
  // Origin as a browser would send it: better-auth refuses cookie-less writes without one.
  const stranger = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signUpThroughApi(stranger, newAccount("Stranger"));
  expect((await stranger.post("/api/v1/workspaces", { data: { name: "Stranger's workspace" } })).status()).toBe(201);
  const graphId = await createGraphFromTemplate(stranger, "triage-at-scale", MARK);
  const runId = await startRun(stranger, graphId, "Sort these tickets", 0);
  await waitForRunEnd(stranger, runId);

  // The owner of the default workspace sees none of it: exactly like ids that do not exist.
  for (const path of [`/graphs/${graphId}`, `/runs/${runId}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText(MARK)).toHaveCount(0);
    expect(await page.content()).not.toContain(MARK);
    expect((await page.goto(path.replace(/[^/]+$/, "does-not-exist")))?.status()).toBe(404);
  }
  for (const path of [`/api/v1/graphs/${graphId}`, `/api/v1/runs/${runId}`, `/api/v1/runs/${runId}/events`, `/api/v1/graphs/${graphId}/runs`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain(MARK);
  }
  const list = await (await page.request.get("/api/v1/graphs")).text();
  expect(list).not.toContain(MARK);

  // Signed out, every page asks to sign in first and the API answers 401.
  const signedOut = await browser.newContext({ baseURL, storageState: undefined });
  const anonymous = await signedOut.newPage();
  for (const path of ["/", `/graphs/${graphId}`, `/runs/${runId}`, "/settings"]) {
    await anonymous.goto(path);
    await expect(anonymous, path).toHaveURL(/\/sign-in\?next=/);
    expect(await anonymous.content()).not.toContain(MARK);
  }
  expect((await signedOut.request.get(`/api/v1/graphs/${graphId}`)).status()).toBe(401);
  await signedOut.close();
  await stranger.dispose();
});
