import { expect, test, type BrowserContext } from "@playwright/test";
import { newAccount, signedInContext } from "./fixtures/accounts";
import { ApiKeysSettingsPage } from "./pages/settings-pages";

let context: BrowserContext;
test.beforeEach(async ({ browser, baseURL }) => {
  context = await signedInContext(browser, baseURL!, newAccount("Kim Keys"));
  expect((await context.request.post("/api/v1/workspaces", { data: { name: "Key lab" } })).status()).toBe(201);
});
test.afterEach(async () => context.close());

test("an owner creates an API key, sees it once, uses it and revokes it", async ({ playwright, baseURL }) => {
  const page = await context.newPage();
  const keys = new ApiKeysSettingsPage(page);
  await keys.goto();
  const key = await keys.create("Deploy bot");
  expect(key).toMatch(/^tf_key_/);
  await expect(page.getByRole("row", { name: /Deploy bot/ })).toContainText(key.slice(0, 11));
  expect(await page.content()).not.toContain(key);

  // A client with nothing but the key.
  const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  expect((await client.get("/api/v1/graphs")).status()).toBe(200);
  expect((await client.get("/api/v1/api-keys")).status()).toBe(403);

  await keys.revoke("Deploy bot");
  expect((await client.get("/api/v1/graphs")).status()).toBe(401);
  await client.dispose();

  await page.reload();
  await expect(page.getByRole("row", { name: /Deploy bot/ }).getByText(/^Revoked/)).toBeVisible();
  await expect(page.getByRole("row", { name: /Deploy bot/ })).not.toContainText("Never");
});
