import { expect, type Locator, type Page } from "@playwright/test";

/** The "Run this graph" dialog: task, budget, estimate, the problems that block a run, Start run. */
export class RunLauncherDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Run this graph" });
  }

  /** Opens the dialog with a toolbar or page button (the editor's "Run", a run page's "Run again"). */
  async openWith(button: Locator) {
    await button.click();
    await expect(this.dialog).toBeVisible();
  }

  get task(): Locator {
    return this.dialog.getByRole("textbox", { name: "Task" });
  }

  get budget(): Locator {
    return this.dialog.getByRole("textbox", { name: /^Budget/ });
  }

  get startButton(): Locator {
    return this.dialog.getByRole("button", { name: "Start run" });
  }

  get estimate(): Locator {
    return this.dialog.getByRole("region", { name: "Cost estimate" });
  }

  get estimatedTotal(): Locator {
    return this.estimate.getByLabel("Estimated total");
  }

  /** "±12% on 4 past simulated runs": the estimate's measured error on held-out past runs. */
  get estimateAccuracy(): Locator {
    return this.estimate.getByLabel("Estimate accuracy");
  }

  /** What a node's figures are based on: "N past runs" of it, or "priors". */
  nodeBasis(label: string): Locator {
    return this.estimate.getByRole("row").filter({ has: this.estimate.page().getByRole("rowheader", { name: label, exact: true }) }).getByRole("cell").nth(2);
  }

  /** The list of what keeps the graph from running, shown instead of a run that would be refused. */
  get problems(): Locator {
    return this.dialog.getByRole("region", { name: "Problems to fix before running" });
  }

  /** A refusal after Start run (the save failed, the server said no). */
  get error(): Locator {
    return this.dialog.getByRole("alert");
  }

  async choosePace(label: "Realistic pace" | "3× faster" | "Instant") {
    await this.dialog.getByLabel("Simulator pace").selectOption({ label });
  }

  /** Expects `field` to be marked invalid, with `message` as (part of) its accessible description. */
  async expectInvalid(field: Locator, message: string | RegExp) {
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(message);
  }

  /** Fills the form; the dialog must be open. */
  async fill({ task, budget, pace }: { task: string; budget?: string; pace?: "Realistic pace" | "3× faster" | "Instant" }) {
    await expect(this.dialog).toBeVisible();
    await this.task.fill(task);
    if (budget !== undefined) await this.budget.fill(budget);
    if (pace) await this.choosePace(pace);
  }

  /** Presses "Copy as curl" and returns what landed on the clipboard. */
  async copyAsCurl(): Promise<string> {
    await this.dialog.getByRole("button", { name: "Copy as curl" }).click();
    await expect(this.dialog.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
