import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** draft → gate (approval) → publish, stored through the API; returns the graph's id. */
export async function createGatedGraph(request: APIRequestContext, name: string, gateOptions: Record<string, unknown> = {}): Promise<string> {
  const graph = {
    schemaVersion: 3,
    nodes: [
      { id: "draft", role: "executor", label: "Drafter", tier: "mini", position: { x: 0, y: 0 } },
      { id: "gate", role: "approval", label: "Sign-off", tier: "nano", instructions: "Check the announcement before it goes out.", position: { x: 280, y: 0 }, options: gateOptions },
      { id: "publish", role: "executor", label: "Publisher", tier: "mini", position: { x: 560, y: 0 } },
    ],
    edges: [
      { id: "draft->gate", source: "draft", target: "gate" },
      { id: "gate->publish", source: "gate", target: "publish" },
    ],
  };
  const created = await request.post("/api/v1/graphs", { data: { name, graph } });
  expect(created.status()).toBe(201);
  return (await created.json()).id;
}

/** The run view's "Waiting for approval" panel: what waits, and (for editors) the decision form. */
export class ApprovalPanel {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole("region", { name: "Waiting for approval" });
  }

  step(label: string): Locator {
    return this.region.getByRole("article", { name: `Approval: ${label}` });
  }

  upstreamOutput(step: string, from: string): Locator {
    return this.step(step).getByRole("region", { name: `Output of ${from}` });
  }

  figure(term: RegExp | string): Locator {
    return this.region.getByRole("term").filter({ hasText: term }).locator("xpath=following-sibling::dd[1]");
  }

  text(step: string): Locator {
    return this.step(step).getByRole("textbox", { name: "Text that goes downstream" });
  }

  comment(step: string): Locator {
    return this.step(step).getByRole("textbox", { name: /^Comment/ });
  }

  async approveWithEdit(step: string, text: string) {
    await this.text(step).fill(text);
    await this.step(step).getByRole("button", { name: "Approve with edits" }).click();
  }

  async reject(step: string, reason: string) {
    await this.comment(step).fill(reason);
    await this.step(step).getByRole("button", { name: "Reject" }).click();
  }
}
