import { expect, test } from "@playwright/test";
import { createGraph, EditorPage, fetchGraph } from "./pages/editor-page";

test("undo and redo, from the keyboard and the toolbar", async ({ page, request }) => {
  const id = await createGraph(request, "History", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);
  await expect(editor.nodes).toHaveCount(4);
  await expect(editor.button("Undo")).toBeDisabled();

  // Added by keyboard: focus the palette button and press Enter.
  await editor.paletteButton("executor").focus();
  await page.keyboard.press("Enter");
  await expect(editor.node("executor", "Executor")).toBeVisible();
  await expect(editor.nodes).toHaveCount(5);

  await editor.setLabel("Fact checker");
  await expect(editor.node("executor", "Fact checker")).toBeVisible();

  // Focus back on the canvas: shortcuts act on the graph, not the text field.
  await editor.canvas.click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("Control+z");
  await expect(editor.node("executor", "Executor")).toBeVisible();
  await page.keyboard.press("Control+z");
  await expect(editor.nodes).toHaveCount(4);
  await page.keyboard.press("Control+Shift+z");
  await expect(editor.nodes).toHaveCount(5);
  await page.keyboard.press("Control+Shift+z");
  await expect(editor.node("executor", "Fact checker")).toBeVisible();

  await editor.button("Undo").click();
  await editor.button("Undo").click();
  await expect(editor.nodes).toHaveCount(4);
  await editor.button("Redo").click();
  await expect(editor.nodes).toHaveCount(5);

  // The saved graph follows.
  await editor.expectSaved();
  expect((await fetchGraph(request, id)).graph.nodes).toHaveLength(5);
});

test("copy, paste, duplicate and delete with the keyboard", async ({ page, request }) => {
  const id = await createGraph(request, "Clipboard", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);

  await editor.select("executor", "Analyst");
  await page.keyboard.press("Control+c");
  await expect(editor.canvasMessage).toContainText("Copied 1 node");
  await page.keyboard.press("Control+v");
  await expect(editor.node("executor", "Analyst 2")).toBeVisible();
  await page.keyboard.press("Control+d");
  await expect(editor.node("executor", "Analyst 3")).toBeVisible();
  await expect(editor.nodes).toHaveCount(6);

  // Several at once: Ctrl+A selects every node; the inspector sums them up.
  await editor.canvas.click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("Control+a");
  await expect(editor.inspector.getByRole("heading", { name: "6 nodes selected" })).toBeVisible();
  await editor.canvas.click({ position: { x: 20, y: 20 } });

  await editor.select("executor", "Analyst 3");
  await page.keyboard.press("Delete");
  await expect(editor.node("executor", "Analyst 3")).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(editor.node("executor", "Analyst 3")).toBeVisible();
});

test("auto-layout, fit view, snap to grid and zoom controls are at hand", async ({ page, request }) => {
  const id = await createGraph(request, "Layout", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);
  const before = (await fetchGraph(request, id)).version;

  await editor.button("Auto-layout").click();
  await editor.expectSaved();
  const after = await fetchGraph(request, id);
  expect(after.version).toBeGreaterThan(before);
  const x = (label: string) => (after.graph.nodes.find((node) => node.label === label)!.position as { x: number }).x;
  expect(x("Research planner")).toBeLessThan(x("Researcher"));
  expect(x("Researcher")).toBeLessThan(x("Reviewer"));

  await expect(editor.button("Fit view")).toBeEnabled();
  await expect(editor.button("Snap to grid")).toHaveAttribute("aria-pressed", "true");
  await editor.button("Snap to grid").click();
  await expect(editor.button("Snap to grid")).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("button", { name: "Zoom In" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Minimap" })).toBeVisible();
});
