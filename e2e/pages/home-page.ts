import { expect, type Page } from "@playwright/test";

/** The workspace's landing page: its graph list. */
export class HomePage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { level: 1, name: "Graphs" })).toBeVisible();
  }

  get graphs() {
    return this.page.getByRole("region", { name: "Graphs" });
  }

  graphLink(name: string) {
    return this.graphs.getByRole("link", { name, exact: true });
  }

  /** A graph's row in the list: its link, node count and actions. */
  graphRow(name: string) {
    return this.graphs.getByRole("listitem").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  /** Creates a graph with "New graph", from `starter` ("Blank" or a template's name); the editor opens. */
  async createGraph(name: string, starter: string) {
    await this.page.getByRole("button", { name: "New graph" }).first().click();
    const dialog = this.page.getByRole("dialog", { name: "New graph" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("radio", { name: new RegExp(`^${starter}\\b`) }).check();
    await dialog.getByRole("button", { name: "Create graph" }).click();
    await this.page.waitForURL(/\/graphs\/[^/]+$/);
  }

  async rename(name: string, to: string) {
    await this.graphs.getByRole("button", { name: `Rename ${name}` }).click();
    const dialog = this.page.getByRole("dialog", { name: "Rename graph" });
    await dialog.getByLabel("Name").fill(to);
    await dialog.getByRole("button", { name: "Save name" }).click();
    await expect(this.graphLink(to)).toBeVisible();
  }

  async duplicate(name: string) {
    await this.graphs.getByRole("button", { name: `Duplicate ${name}` }).click();
    await expect(this.graphLink(`${name} (copy)`)).toBeVisible();
  }

  /** Deletes a graph, confirming in the dialog. */
  async delete(name: string) {
    await this.graphs.getByRole("button", { name: `Delete ${name}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Delete “${name}”?` });
    await dialog.getByRole("button", { name: "Delete graph" }).click();
    await expect(this.graphLink(name)).toHaveCount(0);
  }
}
