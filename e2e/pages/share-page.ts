import { expect, type Locator, type Page } from "@playwright/test";
import { RunPage } from "./run-page";

/** The run page's Share dialog: create, copy and revoke read-only links. */
export class ShareDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole("dialog", { name: "Share this run" });
  }

  get links(): Locator {
    return this.dialog.getByRole("list", { name: "Share links" }).getByRole("listitem");
  }

  async open() {
    await this.page.getByRole("button", { name: "Share", exact: true }).click();
    await expect(this.dialog).toBeVisible();
    // The list loads after the dialog opens: counting links before that would count none.
    await expect(this.dialog.getByText("Loading…")).toHaveCount(0);
  }

  /** Creates a link and returns its URL, as the dialog shows it once. `showTask` applies with `hidePrompts`. */
  async createLink(options: { hidePrompts?: boolean; showTask?: boolean } = {}): Promise<string> {
    const count = await this.links.count();
    await this.dialog.getByRole("checkbox", { name: "Hide prompts and instructions" }).setChecked(options.hidePrompts ?? false);
    const showTask = this.dialog.getByRole("checkbox", { name: "Show the task" });
    if (options.hidePrompts) await showTask.setChecked(options.showTask ?? false);
    else await expect(showTask).toHaveCount(0);
    await this.dialog.getByRole("button", { name: "Create link" }).click();
    const url = this.dialog.getByRole("textbox", { name: "New share link" });
    await expect(url).toHaveValue(/\/share\/tf_share_/);
    await expect(this.links).toHaveCount(count + 1);
    return url.inputValue();
  }

  /** Revokes the newest link, confirming when asked. */
  async revokeNewest() {
    const count = await this.links.count();
    await confirmRevoke(this.links.first());
    await expect(this.links).toHaveCount(count - 1);
  }

  async close() {
    await this.dialog.getByRole("button", { name: "Close" }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** Clicks a link's Revoke button and confirms; revoking asks first, in place. */
export async function confirmRevoke(item: Locator) {
  await item.getByRole("button", { name: /^Revoke link …/ }).click();
  await item.getByRole("group", { name: /^Revoke link …/ }).getByRole("button", { name: "Revoke link" }).click();
}

/** A run seen through its share link: the run view's locators, on the public page. */
export class SharedRunPage extends RunPage {
  async open(url: string) {
    const response = await this.page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** The side panel with the run's task. */
  get task(): Locator {
    return this.page.getByRole("region", { name: "Task" });
  }

  get readOnlyLabel(): Locator {
    return this.summary.getByText("Shared run · read-only");
  }

  /** The first node the transcript's list shows as running. */
  get runningNodeInTranscript(): Locator {
    return this.transcriptNav.getByRole("button").filter({ hasText: "Running" }).first();
  }

  /** Buttons that would act on the run or the workspace: a shared view has none. */
  get actions(): Locator {
    return this.page.getByRole("button", { name: /^(Cancel run|Run again|Share)$/ });
  }
}
