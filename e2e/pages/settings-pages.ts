import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → Provider: the workspace's model provider key, base URL and tier table. */
export class ProviderSettingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/provider");
    await expect(this.page.getByRole("heading", { level: 1, name: "Providers" })).toBeVisible();
  }

  /** Error messages on the page (Next's route announcer is an alert too, but an empty one). */
  get alerts() {
    return this.page.getByRole("alert").filter({ hasText: /\S/ });
  }

  get addForm() {
    return this.page.getByRole("form", { name: "Add a provider" });
  }

  get baseUrlField() {
    return this.addForm.getByLabel("Base URL", { exact: true });
  }

  /** One provider of the list, by name. */
  provider(name: string) {
    return this.page.getByRole("region", { name: "Providers" }).getByRole("listitem", { name, exact: true });
  }

  /** Fills the add form and presses Add; the caller checks what the save said. */
  async add(name: string, kind: string, baseUrl: string, apiKey = "") {
    await this.addForm.getByLabel("Name").fill(name);
    await this.addForm.getByLabel("Kind").selectOption({ label: kind });
    await this.baseUrlField.fill(baseUrl);
    await this.addForm.getByLabel("API key").fill(apiKey);
    await this.addForm.getByRole("button", { name: "Add provider" }).click();
  }

  async testConnection(name: string) {
    await this.provider(name).getByRole("button", { name: `Test connection to ${name}` }).click();
  }

  /** Points a tier at a model served by a provider, and saves the tier table. */
  async mapTier(tier: "flagship" | "mini" | "nano", model: string, provider: string) {
    await this.page.getByLabel(`${tier} model`).fill(model);
    await this.page.getByLabel(`${tier} provider`).selectOption({ label: provider });
    await this.page.getByRole("button", { name: "Save tiers" }).click();
    await expect(this.page.getByText("Saved.", { exact: true })).toBeVisible();
  }
}

/** Settings → API keys. */
export class ApiKeysSettingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/api-keys");
    await expect(this.page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  }

  /** Creates a key and returns it, as the dialog shows it this once. */
  async create(name: string): Promise<string> {
    return (await this.createWithCurl(name, false)).key;
  }

  /**
   * Creates a key and returns it with the dialog's curl example; `copy` takes the example
   * through "Copy curl" and the clipboard, as a user would.
   */
  async createWithCurl(name: string, copy = true): Promise<{ key: string; curl: string }> {
    await this.page.getByRole("button", { name: "Create API key" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Create an API key" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create key" }).click();
    const shown = this.page.getByRole("dialog", { name: "Your new API key" });
    await expect(shown.getByText("you won't see it again")).toBeVisible();
    const key = await shown.getByLabel("API key").inputValue();
    let curl = (await shown.getByLabel("curl example").textContent()) ?? "";
    if (copy) {
      await shown.getByRole("button", { name: "Copy curl" }).click();
      await expect(shown.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
      curl = await this.page.evaluate(() => navigator.clipboard.readText());
    }
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(shown).toBeHidden();
    return { key, curl };
  }

  async revoke(name: string) {
    await this.page.getByRole("button", { name: `Revoke ${name}` }).click();
    await this.page.getByRole("dialog", { name: "Revoke this API key?" }).getByRole("button", { name: "Revoke key" }).click();
    await expect(this.page.getByRole("row", { name: new RegExp(name) }).getByText(/^Revoked/)).toBeVisible();
  }
}

/** Settings → Tools: the workspace's MCP servers, their status and tools. */
export class ToolsSettingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/tools");
    await expect(this.page.getByRole("heading", { level: 1, name: "Tools" })).toBeVisible();
  }

  /** Fills the add form for a Streamable HTTP server and submits it. */
  async addHttpServer(name: string, url: string, headers = "") {
    const form = this.page.getByRole("form", { name: "Add an MCP server" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("URL").fill(url);
    if (headers) await form.getByLabel(/^Headers/).fill(headers);
    await form.getByRole("button", { name: "Add server" }).click();
  }

  /** Opens the edit form of a server; the stored headers show with empty values, which keep them. */
  async editServer(name: string): Promise<Locator> {
    await this.server(name).getByRole("button", { name: `Edit ${name}` }).click();
    return this.page.getByRole("form", { name: `Edit ${name}` });
  }

  server(name: string): Locator {
    return this.page.getByRole("region", { name });
  }

  tools(server: string): Locator {
    return this.server(server).getByRole("list", { name: `Tools of ${server}` }).getByRole("listitem");
  }

  /** Fills the add form for an HTTP tool and submits it. */
  async addHttpTool(tool: { name: string; description: string; method: string; urlTemplate: string; parameters: string; headers?: string }) {
    const form = this.page.getByRole("form", { name: "Add an HTTP tool" });
    await form.getByLabel(/^Tool name/).fill(tool.name);
    await form.getByLabel(/^Description/).fill(tool.description);
    await form.getByLabel("Method").selectOption(tool.method);
    await form.getByLabel("URL template").fill(tool.urlTemplate);
    await form.getByLabel(/^Parameters/).fill(tool.parameters);
    if (tool.headers) await form.getByLabel(/^Headers/).fill(tool.headers);
    await form.getByRole("button", { name: "Add HTTP tool" }).click();
  }

  /** Opens the edit form of an HTTP tool; the stored headers show with empty values, which keep them. */
  async editHttpTool(name: string): Promise<Locator> {
    await this.httpTool(name).getByRole("button", { name: `Edit ${name}` }).click();
    return this.page.getByRole("form", { name: `Edit ${name}` });
  }

  httpTool(name: string): Locator {
    return this.page.getByRole("list", { name: "HTTP tools" }).getByRole("listitem", { name });
  }
}
