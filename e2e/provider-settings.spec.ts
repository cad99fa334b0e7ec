import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import { newAccount, signedInContext } from "./fixtures/accounts";
import { ProviderSettingsPage } from "./pages/settings-pages";

// A workspace of its own, so the default workspace (and every other spec) stays simulated.
let context: BrowserContext;
test.beforeEach(async ({ browser, baseURL }) => {
  context = await signedInContext(browser, baseURL!, newAccount("Pat Provider"));
  const created = await context.request.post("/api/v1/workspaces", { data: { name: "Provider lab" } });
  expect(created.status()).toBe(201);
});
test.afterEach(async () => context.close());

test("the provider key is saved through the page and never comes back to the browser", async () => {
  const key = `sk-test-LEAKCHECK-${randomBytes(12).toString("hex")}`;
  const page = await context.newPage();
  const provider = new ProviderSettingsPage(page);
  // Every response the browser receives, to search for the key at the end.
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => bodies.push(response.text().catch(() => "")));

  await provider.goto();
  await expect(page.getByText("No key is set: runs use Tierflow's built-in model simulator.")).toBeVisible();
  await provider.saveKey(key);
  await expect(page.getByText(`•••• ${key.slice(-4)}`)).toBeVisible();
  await expect(provider.keyField).toHaveValue("");
  await expect(page.getByText("Runs use this workspace's key.")).toBeVisible();

  await page.reload();
  await expect(page.getByText(`•••• ${key.slice(-4)}`)).toBeVisible();
  expect(await page.content()).not.toContain(key);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Graphs" })).toBeVisible();
  await expect(page.getByText("Simulated models")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  const models = await context.request.get("/api/v1/models");
  expect((await models.json()).simulated).toBe(false);

  await provider.goto();
  await provider.removeKey();
  await expect(page.getByText("No key is set: runs use Tierflow's built-in model simulator.")).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("Simulated models").first()).toBeVisible();

  const seen = await Promise.all(bodies);
  expect(seen.length).toBeGreaterThan(3);
  for (const body of seen) expect(body).not.toContain(key);
});

test("a base URL on the server's own network is refused, with the reason beside the field", async () => {
  const page = await context.newPage();
  const provider = new ProviderSettingsPage(page);
  await provider.goto();

  await provider.submitBaseUrl("http://127.0.0.1:9/v1");
  const reason = "This base URL is not allowed: 127.0.0.1 is a loopback address; ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS.";
  await expect(provider.alerts).toHaveText(reason);
  await expect(provider.baseUrlField).toHaveAttribute("aria-invalid", "true");
  await expect(provider.baseUrlField).toHaveAccessibleDescription(/^This base URL is not allowed: 127\.0\.0\.1 is a loopback address;/);
  await expect(page.getByText("Saved.")).toHaveCount(0);

  await page.reload();
  await expect(provider.baseUrlField).toHaveValue("");

  // A public provider is still accepted (its name need not resolve from the test machine).
  await provider.submitBaseUrl("https://api.openai.com/v1");
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(provider.alerts).toHaveCount(0);
  await expect(provider.baseUrlField).not.toHaveAttribute("aria-invalid", "true");
});
