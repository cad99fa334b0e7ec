import { expect, type Locator, type Page } from "@playwright/test";

/** The API reference (/api-docs): Scalar rendering the served OpenAPI document. */
export class ApiReferencePage {
  constructor(readonly page: Page) {}

  /** Opens it the way a user finds it: the header's "API reference" link. */
  async openFromHeader() {
    await this.page.goto("/");
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
    await expect(this.page).toHaveURL(/\/api-docs$/);
    await expect(this.content.getByRole("heading", { name: "Tierflow API", level: 1 })).toBeVisible({ timeout: 30_000 });
  }

  get content(): Locator {
    return this.page.getByRole("main", { name: /API documentation/ });
  }

  /** An operation's section, found by its summary. */
  operation(summary: string): Locator {
    return this.content.getByRole("heading", { name: summary, exact: true });
  }
}
