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
    return this.graphs.getByRole("link", { name });
  }
}
