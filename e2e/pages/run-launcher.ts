import { expect, type Locator, type Page } from "@playwright/test";

/** The "Run this graph" dialog, opened from the editor's Run or a run page's "Run again". */
export class RunLauncherDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole("dialog", { name: "Run this graph" });
  }

  async fill({ task, budget, pace }: { task: string; budget?: string; pace?: "Realistic pace" | "3× faster" | "Instant" }) {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel("Task").fill(task);
    if (budget !== undefined) await this.dialog.getByLabel(/^Budget/).fill(budget);
    if (pace) await this.dialog.getByLabel("Simulator pace").selectOption({ label: pace });
  }

  /** Presses "Copy as curl" and returns what landed on the clipboard. */
  async copyAsCurl(): Promise<string> {
    await this.dialog.getByRole("button", { name: "Copy as curl" }).click();
    await expect(this.dialog.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
