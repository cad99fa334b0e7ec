import { expect, type Locator, type Page } from "@playwright/test";
import { confirmRevoke } from "./share-page";

/** Settings → Share links: every working link of the workspace, to audit and revoke. */
export class ShareLinksSettingsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/share-links");
    await expect(this.page.getByRole("heading", { level: 1, name: "Share links" })).toBeVisible();
  }

  get table(): Locator {
    return this.page.getByRole("table", { name: "Share links" });
  }

  /** The body rows (the header row has no row header). */
  get rows(): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader") });
  }

  /** The row of a run's link, picked out by what it shows. */
  row(graphName: string, shows: "Prompts shown" | "Prompts hidden"): Locator {
    return this.rows.filter({ has: this.page.getByRole("rowheader", { name: graphName }) }).filter({ hasText: shows });
  }

  /** The exact creation time a row offers on hover. */
  async createdTitle(row: Locator): Promise<string | null> {
    return row.locator("time").first().getAttribute("title");
  }

  async revoke(row: Locator) {
    await confirmRevoke(row);
    await expect(row).toHaveCount(0);
  }
}
