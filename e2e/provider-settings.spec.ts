import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import { newAccount, signedInContext } from "./fixtures/accounts";
import { MODEL_E2E_URL, startOllamaStandIn } from "./fixtures/model-server";
import { createGraphFromTemplate, RunPage, startRun, waitForRunEnd } from "./pages/run-page";
import { ProviderSettingsPage } from "./pages/settings-pages";

test.describe.configure({ mode: "serial" });

// A workspace of its own, so the default workspace (and every other spec) stays on the simulator alone.
let context: BrowserContext;
let ollama: Awaited<ReturnType<typeof startOllamaStandIn>>;
test.beforeAll(async () => {
  ollama = await startOllamaStandIn();
});
test.afterAll(async () => ollama.stop());
test.beforeEach(async ({ browser, baseURL }) => {
  context = await signedInContext(browser, baseURL!, newAccount("Pat Provider"));
  const created = await context.request.post("/api/v1/workspaces", { data: { name: "Provider lab" } });
  expect(created.status()).toBe(201);
});
test.afterEach(async () => context.close());

test("an owner adds a local Ollama, tests it, maps nano to it, and a run's cost panel shows both providers", async () => {
  const key = `ollama-LEAKCHECK-${randomBytes(8).toString("hex")}`;
  const page = await context.newPage();
  const settings = new ProviderSettingsPage(page);
  await settings.goto();
  await expect(settings.provider("Simulator")).toContainText("Simulated");

  await settings.add("Local Ollama", "Ollama", MODEL_E2E_URL, key);
  await expect(settings.addForm.getByRole("status")).toHaveText("Saved. Connected: 1 model (llama3.2).");
  await expect(settings.provider("Local Ollama")).toContainText(`key •••• ${key.slice(-4)}`);
  expect(await page.content()).not.toContain(key);

  await settings.testConnection("Local Ollama");
  await expect(settings.provider("Local Ollama").getByRole("status")).toHaveText("Connected: 1 model (llama3.2).");
  await settings.mapTier("nano", "llama3.2", "Local Ollama");
  await page.reload();
  await expect(page.getByLabel("nano provider")).toHaveValue(/.+/);
  await expect(page.getByLabel("nano model")).toHaveValue("llama3.2");

  // Triage at scale: a mini splitter (simulator) hands batches to a nano extractor pool (Ollama).
  const graphId = await createGraphFromTemplate(context.request, "triage-at-scale", "Mixed vendors");
  const before = ollama.calls();
  const runId = await startRun(context.request, graphId, "Triage these support tickets by urgency. [sim:items=3]", 0);
  expect(await waitForRunEnd(context.request, runId)).toBe("succeeded");
  expect(ollama.calls() - before).toBeGreaterThanOrEqual(3);

  const run = new RunPage(page);
  await run.goto(runId);
  await run.openTab("Cost");
  const byProvider = page.getByRole("table", { name: "Cost by provider and model" });
  await expect(byProvider.getByRole("row", { name: /^Simulator gpt-5\.4-mini/ })).toBeVisible();
  // llama3.2 has no price: unpriced, never $0.
  await expect(byProvider.getByRole("row", { name: /^Local Ollama llama3\.2 .* unpriced$/ })).toBeVisible();
  expect(await page.content()).not.toContain(key);
});

test("a provider on the server's own network is refused with the reason beside the field; an unreachable one is saved with a warning", async () => {
  const page = await context.newPage();
  const settings = new ProviderSettingsPage(page);
  await settings.goto();

  await settings.add("Sneaky", "vLLM", "http://127.0.0.1:9/v1");
  const reason = "This base URL is not allowed: 127.0.0.1 is a loopback address; ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS.";
  await expect(settings.alerts).toHaveText(reason);
  await expect(settings.baseUrlField).toHaveAttribute("aria-invalid", "true");
  await expect(settings.baseUrlField).toHaveAccessibleDescription(reason);
  await expect(settings.provider("Sneaky")).toHaveCount(0);

  // A public name that does not answer is saved, but the owner is told why instead of "Saved.".
  await settings.add("Gone", "Other OpenAI-compatible", "https://nowhere.invalid/v1", "sk-bogus-0000");
  await expect(settings.addForm.getByRole("alert")).toContainText("Saved, but the connection test failed: Listing models failed: Connection error.");
  await expect(page.getByText("Saved.", { exact: true })).toHaveCount(0);
  await expect(settings.provider("Gone")).toBeVisible();
});
