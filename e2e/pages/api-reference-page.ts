import { expect, type Locator, type Page } from "@playwright/test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The API reference (/api-docs): Scalar rendering the served OpenAPI document. */
export class ApiReferencePage {
  constructor(readonly page: Page) {}

  /** Opens it the way a user finds it: the header's "API reference" link. */
  async openFromHeader() {
    await this.page.goto("/");
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
    await expect(this.page).toHaveURL(/\/api-docs$/);
    await expect(this.content.getByRole("heading", { name: "Tierflow API", level: 1 })).toBeVisible({ timeout: 30_000 });
  }

  get content(): Locator {
    return this.page.getByRole("main", { name: /API documentation/ });
  }

  get sidebar(): Locator {
    return this.page.getByRole("complementary", { name: /^Sidebar/ });
  }

  /** An operation's entry in the sidebar, by its summary ("Start a run HTTP Method: POST"). */
  sidebarEntry(summary: string): Locator {
    return this.sidebar.getByRole("link", { name: new RegExp(`^${escape(summary)} HTTP Method: `) });
  }

  /** An operation's section in the reference (a region named by its summary): description, parameters, body, responses. */
  operation(summary: string): Locator {
    return this.content.getByRole("region", { name: new RegExp(`^${escape(summary)}\\W*$`) });
  }

  /** Jumps to an operation through the sidebar, as a reader would, and returns its section. */
  async open(summary: string): Promise<Locator> {
    await this.sidebarEntry(summary).click();
    const section = this.operation(summary);
    await expect(section.getByRole("heading", { name: summary })).toBeInViewport();
    return section;
  }
}
