import { expect, type Page } from "@playwright/test";

/** Workspace settings → Members: members with their roles, and invitation links. */
export class MembersPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/members");
    await expect(this.page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  }

  get members() {
    return this.page.getByRole("list", { name: "Members" });
  }

  roleOf(name: string) {
    return this.members.getByRole("combobox", { name: `Role of ${name}` });
  }

  /** Creates an invitation link for `role` and returns it (it is shown only once). */
  async invite(role: "owner" | "editor" | "viewer"): Promise<string> {
    const link = this.page.getByRole("textbox", { name: "Invitation link" });
    const previous = (await link.count()) > 0 ? await link.inputValue() : null;
    await this.page.getByLabel("Role", { exact: true }).selectOption(role);
    await this.page.getByRole("button", { name: "Create invitation link" }).click();
    await expect(link).toHaveValue(/\/invite\/tf_inv_/);
    if (previous) await expect(link).not.toHaveValue(previous);
    const value = await link.inputValue();
    // The list refreshes from the server with the new pending link.
    await expect(this.page.getByRole("table", { name: "Invitation links" })).toBeVisible();
    return value;
  }

  /** The members section's error message (Next.js's route announcer is an alert too, so scope it). */
  get alert() {
    return this.page.getByRole("region", { name: "Members" }).getByRole("alert");
  }
}
