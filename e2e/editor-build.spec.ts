import { expect, test } from "@playwright/test";
import { EditorPage, fetchGraph } from "./pages/editor-page";
import { HomePage } from "./pages/home-page";

// Room for three columns of nodes side by side at zoom 1.
test.use({ viewport: { width: 1600, height: 900 } });

test("builds the Research and review graph from an empty canvas, and it survives a reload", async ({ page, request }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createGraph("Hand-built research", "Blank");
  const id = page.url().split("/").pop()!;
  const editor = new EditorPage(page);
  await expect(editor.canvas).toBeVisible();

  // Start from an empty canvas: remove the blank graph's starter node.
  await editor.select("executor", "Executor");
  await page.keyboard.press("Delete");
  await expect(editor.nodes).toHaveCount(0);
  // An empty canvas is a problem, but it is saved like every step of the build.
  await editor.expectSaved(1);

  // Drag each role from the palette; a dropped node is selected, so the inspector names it.
  await editor.dragFromPalette("planner", { x: 130, y: 260 });
  await editor.setLabel("Research planner");
  await editor.dragFromPalette("executor", { x: 430, y: 130 });
  await editor.setLabel("Researcher");
  await editor.dragFromPalette("executor", { x: 430, y: 400 });
  await editor.setLabel("Analyst");
  await editor.dragFromPalette("reviewer", { x: 730, y: 260 });
  await editor.setLabel("Reviewer");
  await expect(editor.nodes).toHaveCount(4);
  await expect(editor.node("planner", "Research planner").getByText("Flagship")).toBeVisible();

  // A lone planner is a problem, shown on the node itself.
  await expect(editor.node("planner", "Research planner").getByRole("list", { name: "Problems" })).toContainText("executor");

  await editor.connect("Research planner", "Researcher");
  await editor.connect("Research planner", "Analyst");
  await editor.connect("Researcher", "Reviewer");
  await editor.connect("Analyst", "Reviewer");
  await editor.connectRevise("Reviewer", "Researcher");
  await editor.connectRevise("Reviewer", "Analyst");
  await expect(editor.edges).toHaveCount(6);
  await expect(editor.reviseEdge("Reviewer", "Analyst")).toBeVisible();
  await expect(editor.node("planner", "Research planner").getByRole("list", { name: "Problems" })).toHaveCount(0);

  // A data edge back upstream is refused, with the reason.
  await editor.connect("Reviewer", "Research planner");
  await expect(editor.canvasMessage).toContainText("That would make a loop");
  await expect(editor.edges).toHaveCount(6);

  // Tiers and tools in the inspector, with the tier hint.
  await editor.select("executor", "Researcher");
  await editor.tool("Fetch URL").check();
  await editor.tool("Calculator").check();
  await editor.setTier("nano");
  await expect(editor.inspector.getByText(/nano struggles with web browsing/)).toBeVisible();
  await expect(editor.node("executor", "Researcher").getByText(/nano browsing the web/)).toBeVisible();
  await editor.setTier("mini");
  await expect(editor.inspector.getByText("Good fit:")).toBeVisible();
  await editor.inspector.getByLabel("Concurrency").fill("6");
  await expect(editor.node("executor", "Researcher").getByText("×6 in parallel")).toBeVisible();

  await editor.select("executor", "Analyst");
  await editor.tool("Calculator").check();
  await editor.select("reviewer", "Reviewer");
  await expect(editor.inspector.getByRole("radio", { name: /^flagship/i })).toBeChecked();

  await editor.expectSaved();
  const stored = await fetchGraph(request, id);
  const byLabel = new Map(stored.graph.nodes.map((node) => [node.label, node]));
  expect([...byLabel.keys()].sort()).toEqual(["Analyst", "Research planner", "Researcher", "Reviewer"]);
  expect(byLabel.get("Researcher")).toMatchObject({ tier: "mini", tools: ["calculator", "fetch_url"], options: { concurrency: 6 } });
  expect(byLabel.get("Analyst")).toMatchObject({ tier: "mini", tools: ["calculator"] });
  expect(stored.graph.edges.filter((edge) => edge.kind === "revise")).toHaveLength(2);
  expect(stored.graph.edges).toHaveLength(6);

  await page.reload();
  await expect(editor.nodes).toHaveCount(4);
  await expect(editor.edges).toHaveCount(6);
  await expect(editor.dataEdge("Research planner", "Researcher")).toBeVisible();
  await expect(editor.reviseEdge("Reviewer", "Researcher")).toBeVisible();
  await editor.expectSaved();
  await editor.select("executor", "Researcher");
  await expect(editor.tool("Fetch URL")).toBeChecked();
  await expect(editor.tool("Calculator")).toBeChecked();
  await expect(editor.inspector.getByRole("radio", { name: /^mini/i })).toBeChecked();
});
