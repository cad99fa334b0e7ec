import { expect, type Locator, type Page } from "@playwright/test";

/** The workspace's Runs page: filters, the table of runs and "Load more". */
export class RunsListPage {
  constructor(readonly page: Page) {}

  async openFromHeader() {
    await this.page.goto("/");
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  }

  get table(): Locator {
    return this.page.getByRole("table", { name: "Runs, newest first" });
  }

  /** The body rows: one per run. */
  get rows(): Locator {
    return this.table.getByRole("rowgroup").nth(1).getByRole("row");
  }

  row(task: string | RegExp): Locator {
    return this.rows.filter({ has: this.page.getByRole("rowheader", { name: task }) });
  }

  get count(): Locator {
    return this.page.getByRole("status").filter({ hasText: /shown/ });
  }

  async filterStatus(label: string) {
    await this.filter("Status", "status", label);
  }

  async filterGraph(name: string) {
    await this.filter("Graph", "graphId", name);
  }

  /** Picks an option and waits until the address (and so the list) reflects it. */
  private async filter(field: string, param: string, label: string) {
    const [value] = await this.page.getByLabel(field, { exact: true }).selectOption({ label });
    await expect.poll(() => new URL(this.page.url()).searchParams.get(param) ?? "").toBe(value);
  }

  async clearFilters() {
    await this.page.getByRole("button", { name: "Clear filters" }).click();
  }

  get loadMore(): Locator {
    return this.page.getByRole("button", { name: "Load more" });
  }
}
