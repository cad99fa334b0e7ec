import { expect, type Page } from "@playwright/test";
import type { Account } from "../fixtures/accounts";

/** The sign-up and sign-in pages. */
export class AuthPage {
  constructor(private readonly page: Page) {}

  /** Fills the sign-up form (on /sign-up, or wherever a link led) and submits it. */
  async signUp(account: Account) {
    await expect(this.page.getByRole("heading", { name: "Create your Tierflow account" })).toBeVisible();
    await this.page.getByLabel("Name").fill(account.name);
    await this.page.getByLabel("Email").fill(account.email);
    await this.page.getByLabel("Password").fill(account.password);
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  async signIn(email: string, password: string) {
    await expect(this.page.getByRole("heading", { name: "Sign in to Tierflow" })).toBeVisible();
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  get error() {
    return this.page.getByRole("main").getByRole("alert");
  }
}
