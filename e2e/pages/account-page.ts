import { expect, type Page } from "@playwright/test";

/** The account page (user menu → Account settings): display name and password. */
export class AccountPage {
  constructor(private readonly page: Page) {}

  /** Opens it the way a person does, from the header's account menu. */
  async openFromUserMenu() {
    await this.page.getByRole("button", { name: "Account" }).click();
    await this.page.getByRole("link", { name: "Account settings" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  }

  private get nameForm() {
    return this.page.getByRole("form", { name: "Display name" });
  }

  private get passwordForm() {
    return this.page.getByRole("form", { name: "Change password" });
  }

  async changeName(name: string) {
    await this.nameForm.getByLabel("Name").fill(name);
    await this.nameForm.getByRole("button", { name: "Save name" }).click();
    await expect(this.nameForm.getByRole("status")).toHaveText("Name saved.");
  }

  /** Fills and submits the password form; the caller checks `passwordAlert` or `passwordChanged`. */
  async submitPassword(current: string, next: string, confirm = next) {
    await this.passwordForm.getByLabel("Current password").fill(current);
    await this.passwordForm.getByLabel("New password", { exact: true }).fill(next);
    await this.passwordForm.getByLabel("Confirm new password").fill(confirm);
    await this.passwordForm.getByRole("button", { name: "Change password" }).click();
  }

  get passwordAlert() {
    return this.passwordForm.getByRole("alert");
  }

  get passwordChanged() {
    return this.passwordForm.getByRole("status");
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Account" }).click();
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/sign-in$/);
  }
}

/** Settings → General, as its owner sees it: the workspace's name and its deletion. */
export class GeneralSettingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings");
    await expect(this.page.getByRole("heading", { level: 1, name: "General" })).toBeVisible();
  }

  /** Opens the deletion dialog of workspace `name`; returns it. */
  async openDeletion(name: string) {
    await this.page.getByRole("button", { name: "Delete workspace…" }).click();
    const dialog = this.page.getByRole("dialog", { name: `Delete “${name}”?` });
    await expect(dialog).toBeVisible();
    return { dialog, confirmField: dialog.getByLabel(/^Type .* to confirm$/), deleteButton: dialog.getByRole("button", { name: "Delete this workspace" }) };
  }
}
