import { expect, type Locator, type Page } from "@playwright/test";

/** The Documents page: collections, the chosen one's files, and the upload panel. */
export class DocumentsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/documents");
    await expect(this.page.getByRole("heading", { name: "Documents", level: 1 })).toBeVisible();
  }

  get collections(): Locator {
    return this.page.getByRole("navigation", { name: "Collections" });
  }

  async createCollection(name: string) {
    const form = this.page.getByRole("form", { name: "New collection" });
    await form.getByLabel("New collection").fill(name);
    await form.getByRole("button", { name: "Create collection" }).click();
    await expect(this.page.getByRole("heading", { name, level: 2 })).toBeVisible();
  }

  /** Uploads files through "Choose files" (the picker's input), into the open collection. */
  async upload(path: string) {
    await this.page.getByLabel("Choose files").setInputFiles(path);
  }

  /** What the last upload did: "Added N files, skipped M." and the skipped files with why. */
  get uploadResult(): Locator {
    return this.page.getByRole("region", { name: "Upload" }).getByRole("status");
  }

  get files(): Locator {
    return this.page.getByRole("table", { name: "Files" });
  }
}
