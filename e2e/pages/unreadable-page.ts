import { expect, type Locator, type Page } from "@playwright/test";

/** What a graph or run page shows when its stored document cannot be read by this version. */
export class UnreadableDocumentPage {
  constructor(readonly page: Page) {}

  notice(title: "This graph can’t be opened" | "This run can’t be shown"): Locator {
    return this.page.getByRole("alert", { name: title });
  }

  async expectNotice(title: "This graph can’t be opened" | "This run can’t be shown", reason: string | RegExp) {
    const notice = this.notice(title);
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(reason);
  }
}
