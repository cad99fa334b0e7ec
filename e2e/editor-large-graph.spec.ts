import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { benchGraph } from "./perf/canvas-graphs";
import { createGraph, EditorPage, fetchGraph, type GraphJson } from "./pages/editor-page";

/** Wheel-zooms in one step around the middle of `node`, so it stays under the pointer. */
async function zoomInOn(page: Page, node: Locator) {
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -150);
}

/** A 400-node graph open in the overview, its "Planner 1" box, and where that node is stored. */
async function openForDrag(page: Page, request: APIRequestContext, name: string) {
  const id = await createGraph(request, name, { graph: benchGraph(400) as unknown as GraphJson });
  const stored = async () => (await fetchGraph(request, id)).graph.nodes.find((node) => node.label === "Planner 1")!.position as { x: number; y: number };
  const editor = new EditorPage(page);
  await editor.goto(id);
  await expect(editor.nodes).toHaveCount(400);
  return { editor, planner: editor.node("planner", "Planner 1"), stored };
}

/** Whether the canvas a drag draws the carried edges on has ink within 3 px of `at` (page coordinates). */
function inkAt(page: Page, at: { x: number; y: number }): Promise<boolean> {
  return page.locator("canvas.tf-overview-carried").evaluate((canvas: HTMLCanvasElement, point) => {
    const bounds = canvas.getBoundingClientRect();
    const ratio = canvas.width / bounds.width;
    if (!ratio) return false;
    const [x, y] = [Math.round((point.x - bounds.left) * ratio), Math.round((point.y - bounds.top) * ratio)];
    const pixels = canvas.getContext("2d")!.getImageData(x - 3, y - 3, 7, 7).data;
    return pixels.some((value, index) => index % 4 === 3 && value > 0);
  }, at);
}

test("a 400-node graph opens whole, and zooming in brings labels, then handles and edges", async ({ page, request }) => {
  test.setTimeout(90_000);
  const id = await createGraph(request, "Large graph", { graph: benchGraph(400) as unknown as GraphJson });
  const editor = new EditorPage(page);
  await editor.goto(id);
  // Fit view: every node is drawn, as a bare box (a label would be a few pixels high).
  await expect(editor.nodes).toHaveCount(400);
  const planner = editor.node("planner", "Planner 1");
  await expect(planner).toBeVisible();
  await expect(planner.getByText("Planner 1", { exact: true })).toHaveCount(0);

  // Closer in the label shows; the graph is still drawn whole, without handles (nothing to connect at this size).
  const label = planner.getByText("Planner 1", { exact: true });
  for (let step = 0; step < 12 && !(await label.isVisible()); step++) await zoomInOn(page, planner);
  await expect(label).toBeVisible();
  await expect(editor.output("Planner 1")).toHaveCount(0);
  await expect(editor.nodes).toHaveCount(400);
  // A node can still be picked out and inspected.
  await planner.click();
  await expect(editor.inspector.getByRole("heading", { level: 2, name: "Planner 1" })).toBeVisible();

  // Closer still, the full card comes back with its handles, and the edges with their names.
  const output = editor.output("Planner 1");
  for (let step = 0; step < 12 && !(await output.isVisible()); step++) await zoomInOn(page, planner);
  await expect(output).toBeVisible();
  await expect(editor.dataEdge("Planner 1", "Worker 1.1")).toBeAttached();
});

test("in the overview a box drags with the mouse, stays selected, lands on the grid, saves, and undoes in one step", async ({ page, request }) => {
  test.setTimeout(90_000);
  const { editor, planner, stored } = await openForDrag(page, request, "Large graph drag");
  const start = await stored();
  const before = (await planner.boundingBox())!;

  const from = { x: before.x + before.width / 2, y: before.y + before.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 40, { steps: 8 });
  // Its edges go with it, drawn from its right side (where a data edge leaves a box) while it is held.
  const carried = (await planner.boundingBox())!;
  const leaving = { x: carried.x + carried.width + 2, y: carried.y + carried.height / 2 };
  expect(await inkAt(page, leaving)).toBe(true);
  await page.mouse.up();
  // Dropped, they are the graph's own edges again and the carried ones are gone.
  await expect.poll(() => inkAt(page, leaving)).toBe(false);
  // And the overview is a compositor layer again (a drag turns that off), so panning stays cheap.
  await expect(page.locator(".react-flow__viewport")).toHaveCSS("will-change", "transform");
  // It followed the mouse (to within the snap grid, 20 flow units: a couple of pixels at this zoom) and is the one selected.
  const after = (await planner.boundingBox())!;
  expect(Math.abs(after.x - before.x - 60)).toBeLessThan(4);
  expect(Math.abs(after.y - before.y - 40)).toBeLessThan(4);
  await expect(editor.inspector.getByRole("heading", { level: 2, name: "Planner 1" })).toBeVisible();
  await expect(editor.nodes).toHaveCount(400);

  await editor.expectSaved();
  const moved = await stored();
  expect(moved.x).toBeGreaterThan(start.x + 200);
  expect(moved.y).toBeGreaterThan(start.y + 100);
  expect([moved.x % 20, moved.y % 20]).toEqual([0, 0]);

  // The whole drag is one undo step.
  await page.keyboard.press("Control+z");
  await expect.poll(async () => (await planner.boundingBox())!.x).toBeCloseTo(before.x, 0);
  await editor.expectSaved();
  expect(await stored()).toEqual(start);
});

test("in the overview a box held at the canvas's edge pans the canvas and stays under the pointer, and lands where it was let go", async ({ page, request }) => {
  test.setTimeout(90_000);
  const { editor, planner, stored } = await openForDrag(page, request, "Large graph auto-pan");
  const start = await stored();
  const viewport = async () => {
    const matrix = await page.locator(".react-flow__viewport").evaluate((element) => new DOMMatrix(getComputedStyle(element).transform));
    return { x: matrix.e, zoom: matrix.a };
  };
  const before = await viewport();
  const canvas = (await page.locator(".react-flow").boundingBox())!;
  const box = (await planner.boundingBox())!;
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const edge = { x: canvas.x + canvas.width - 8, y: from.y };

  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(edge.x, edge.y, { steps: 10 });
  // Held still near the right edge, the canvas keeps panning left.
  await expect.poll(async () => before.x - (await viewport()).x, { timeout: 5000 }).toBeGreaterThan(300);
  const held = (await planner.boundingBox())!;
  expect(Math.abs(held.x + held.width / 2 - edge.x)).toBeLessThan(8);
  await page.mouse.up();

  const after = await viewport();
  await editor.expectSaved();
  const moved = await stored();
  // Where it was let go: the pointer's travel plus the pan, in flow units, to within the 20-unit snap grid.
  const expected = start.x + (edge.x - from.x + (before.x - after.x)) / after.zoom;
  expect(Math.abs(moved.x - expected)).toBeLessThan(30);
  await expect(editor.inspector.getByRole("heading", { level: 2, name: "Planner 1" })).toBeVisible();
});

test("in a 400-node graph the inspector finds a node to connect to by its label, from the keyboard", async ({ page, request }) => {
  test.setTimeout(90_000);
  const graph = benchGraph(400) as unknown as GraphJson;
  // Two nodes share a label: the list tells them apart by id.
  graph.nodes.find((node) => node.id === "t6-w1")!.label = "Worker 7.1";
  const id = await createGraph(request, "Large graph connect", { graph });
  const editor = new EditorPage(page);
  await editor.goto(id);
  await expect(editor.nodes).toHaveCount(400);
  await editor.node("planner", "Planner 1").click();
  await expect(editor.inspector.getByRole("heading", { level: 2, name: "Planner 1" })).toBeVisible();

  const field = editor.inspector.getByRole("combobox", { name: "Connect output to" });
  const list = editor.inspector.getByRole("listbox", { name: "Connect output to" });
  // Opened, it shows the first matches and says how many more typing would reach, not all 380 or so.
  await field.click();
  await expect(list.getByRole("option")).toHaveCount(50);
  await expect(list).toContainText(/\d+ more: type to narrow down/);
  // Typing narrows it; a label that matches nothing says so.
  await field.fill("no such node");
  await expect(list).toContainText("Nothing matches “no such node”.");
  await field.fill("worker 7.1");
  // The two "Worker 7.1"s, and "Worker 7.10" to "Worker 7.18".
  await expect(list.getByRole("option")).toHaveCount(11);
  await expect(list.getByRole("option", { name: "Worker 7.1 t6-w0" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(list.getByRole("option", { name: "Worker 7.1 t6-w1" })).toHaveAttribute("aria-selected", "true");
  await expect(list.getByRole("option", { name: "Worker 7.1 t6-w0" })).toHaveAttribute("aria-selected", "false");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");

  // Connected and saved; the field is empty and closed again, and the new target is no longer offered.
  const sends = editor.inspector.getByRole("heading", { level: 4, name: "Sends output to" }).locator("..");
  await expect(sends.getByRole("button", { name: "Remove data edge to Worker 7.1" })).toBeVisible();
  await expect(field).toHaveValue("");
  await expect(list).toHaveCount(0);
  // Saved with the one problem the shared label is (planners route to executors by label).
  await editor.expectSaved(1);
  const saved = await fetchGraph(request, id);
  expect(saved.graph.edges).toContainEqual(expect.objectContaining({ source: "t0-plan", target: "t6-w0", kind: "data" }));
  await field.fill("worker 7.1");
  await expect(list.getByRole("option")).toHaveCount(10);
  await expect(list.getByRole("option", { name: "Worker 7.1 t6-w0" })).toHaveCount(0);
  // Escape closes the list and leaves the selection alone.
  await page.keyboard.press("Escape");
  await expect(list).toHaveCount(0);
  await expect(editor.inspector.getByRole("heading", { level: 2, name: "Planner 1" })).toBeVisible();
});
