import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export type RoleName = "planner" | "executor" | "reviewer";

const ROLE_TITLE: Record<RoleName, string> = { planner: "Planner", executor: "Executor", reviewer: "Reviewer" };

/** A graph document as the API and the editor's import take it. */
export interface GraphJson {
  schemaVersion: number;
  nodes: { id: string; role: string; label: string; tier: string; tools: string[]; [key: string]: unknown }[];
  edges: { id: string; source: string; target: string; kind: string }[];
  settings?: Record<string, unknown>;
}

/** Creates a graph through the API from a template (or a document) and returns its id. */
export async function createGraph(request: APIRequestContext, name: string, source: { template: string } | { graph: GraphJson }) {
  let graph: GraphJson;
  if ("template" in source) {
    const { templates } = await (await request.get("/api/v1/templates")).json();
    graph = templates.find((template: { id: string }) => template.id === source.template).graph;
  } else graph = source.graph;
  const response = await request.post("/api/v1/graphs", { data: { name, graph } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id as string;
}

/** The canvas editor at `/graphs/:id`, driven through accessible roles and names. */
export class EditorPage {
  constructor(readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/graphs/${id}`);
    await expect(this.canvas).toBeVisible();
  }

  get canvas(): Locator {
    return this.page.getByRole("application", { name: "Graph canvas" });
  }

  get saveStatus(): Locator {
    return this.page.getByRole("status", { name: "Save status" });
  }

  get canvasMessage(): Locator {
    return this.page.getByRole("status", { name: "Canvas messages" });
  }

  get inspector(): Locator {
    return this.page.getByRole("complementary", { name: "Inspector" });
  }

  get toolbar(): Locator {
    return this.page.getByRole("toolbar", { name: "Editor toolbar" });
  }

  get problems(): Locator {
    return this.page.getByRole("region", { name: /^Problems/ });
  }

  paletteButton(role: RoleName): Locator {
    return this.page.getByRole("region", { name: "Add nodes" }).getByRole("button", { name: `Add ${role}` });
  }

  /** Every node on the canvas (edges are groups too, named "… edge: …"). */
  get nodes(): Locator {
    return this.canvas.getByRole("group", { name: /^(Planner|Executor|Reviewer): / });
  }

  node(role: RoleName, label: string): Locator {
    return this.canvas.getByRole("group", { name: `${ROLE_TITLE[role]}: ${label}`, exact: true });
  }

  get edges(): Locator {
    return this.canvas.getByRole("group", { name: /^(Data|Revise) edge: / });
  }

  dataEdge(from: string, to: string): Locator {
    return this.canvas.getByRole("group", { name: `Data edge: ${from} to ${to}`, exact: true });
  }

  reviseEdge(from: string, to: string): Locator {
    return this.canvas.getByRole("group", { name: `Revise edge: ${from} sends work back to ${to}`, exact: true });
  }

  /** Drags a role from the palette and drops it at `at` (pixels from the canvas's top-left). */
  async dragFromPalette(role: RoleName, at: { x: number; y: number }) {
    await this.paletteButton(role).dragTo(this.canvas, { targetPosition: at });
  }

  /** Drags from one handle to another with the mouse, as a user connects nodes. */
  async dragHandle(from: Locator, to: Locator) {
    const start = await center(from);
    const end = await center(to);
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    for (let step = 1; step <= 8; step++) {
      await this.page.mouse.move(start.x + ((end.x - start.x) * step) / 8, start.y + ((end.y - start.y) * step) / 8);
    }
    await this.page.mouse.up();
  }

  output(label: string): Locator {
    return this.canvas.getByLabel(`Output of ${label}`, { exact: true });
  }

  input(label: string): Locator {
    return this.canvas.getByLabel(`Input of ${label}`, { exact: true });
  }

  reviseHandle(label: string): Locator {
    return this.canvas.getByLabel(`Send back for revision from ${label}`, { exact: true });
  }

  /** Where a revise edge comes into a node: shown only while one is being drawn. */
  reviseInput(label: string): Locator {
    return this.canvas.getByLabel(`Revision input of ${label}`, { exact: true });
  }

  /** The Duplicate / Delete toolbar beside a lone selected node. */
  get nodeActions(): Locator {
    return this.canvas.getByRole("toolbar", { name: "Node actions" });
  }

  /** "Hide palette", "Show inspector"…: the buttons that collapse and expand the side panels. */
  panelToggle(name: "Hide palette" | "Show palette" | "Hide inspector" | "Show inspector"): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  get palette(): Locator {
    return this.page.getByRole("region", { name: "Add nodes" });
  }

  async connect(from: string, to: string) {
    await this.dragHandle(this.output(from), this.input(to));
  }

  async connectRevise(reviewer: string, to: string) {
    await this.dragHandle(this.reviseHandle(reviewer), this.input(to));
  }

  /** Selects a node by clicking its header. */
  async select(role: RoleName, label: string) {
    await this.node(role, label).click({ position: { x: 110, y: 22 } });
    await expect(this.inspector.getByRole("heading", { level: 2, name: label })).toBeVisible();
  }

  async setLabel(label: string) {
    await this.inspector.getByLabel("Label", { exact: true }).fill(label);
  }

  async setTier(tier: "flagship" | "mini" | "nano") {
    await this.inspector.getByRole("radio", { name: new RegExp(`^${tier}`, "i") }).check();
  }

  tool(title: string): Locator {
    return this.inspector.getByRole("checkbox", { name: new RegExp(`^${title}`) });
  }

  button(name: string | RegExp): Locator {
    return this.toolbar.getByRole("button", { name });
  }

  /** Waits until every edit is on the server; `problems` is how many the saved graph still has. */
  async expectSaved(problems = 0) {
    const text = problems === 0 ? "Saved" : `Saved · ${problems} ${problems === 1 ? "problem" : "problems"}`;
    await expect(this.saveStatus).toHaveText(text, { timeout: 15_000 });
  }

  /** Opens Import…, hands it a file, and returns the dialog. */
  async importFile(name: string, contents: string): Promise<Locator> {
    await this.button("Import…").click();
    const dialog = this.page.getByRole("dialog", { name: "Import graph" });
    await dialog.getByLabel("Import JSON file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(contents) });
    return dialog;
  }
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("Element is not visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Reads a stored graph through the API. */
export async function fetchGraph(request: APIRequestContext, id: string): Promise<{ name: string; version: number; graph: GraphJson }> {
  const response = await request.get(`/api/v1/graphs/${id}`);
  expect(response.ok()).toBe(true);
  return response.json();
}
