import { expect, type Page, type Response } from "@playwright/test";

/** The app's branded 404 page. */
export class NotFoundPage {
  constructor(private readonly page: Page) {}

  /** Opens `path`, expects the 404 page, and returns what a visitor can tell apart: status, title and visible text. */
  async open(path: string): Promise<{ status: number | undefined; title: string; text: string }> {
    const response: Response | null = await this.page.goto(path);
    await expect(this.heading).toBeVisible();
    // The account button fills in the initials once the session loads: compare pages after that, not mid-way.
    const account = this.page.getByRole("button", { name: "Account" });
    if ((await account.count()) > 0) await expect(account).not.toHaveText(/^•/);
    return { status: response?.status(), title: await this.page.title(), text: await this.page.locator("body").innerText() };
  }

  get heading() {
    return this.page.getByRole("heading", { level: 1, name: "Page not found" });
  }

  get backToGraphs() {
    return this.page.getByRole("main").getByRole("link", { name: "Back to graphs" });
  }

  get signIn() {
    return this.page.getByRole("main").getByRole("link", { name: "Sign in" });
  }
}
