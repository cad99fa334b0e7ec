import { expect, test, type Locator } from "@playwright/test";
import { distanceToBorder, overlaps, pathEnds, rectOf } from "./pages/canvas-geometry";
import { createGraph, EditorPage, type GraphJson } from "./pages/editor-page";
import { RunPage, startRun, waitForRunEnd } from "./pages/run-page";

/**
 * A revise edge reads right when it starts on its reviewer, ends (arrowhead) on its target,
 * and its label sits on no card, nearer its own target than the other edge's.
 */
async function expectReadable(edge: Locator, source: Locator, target: Locator, otherTarget: Locator, cards: Locator[]) {
  // Measured again until it holds: the canvas may still be fitting its view when the edge first shows.
  await expect(async () => expectReadableNow(edge, source, target, otherTarget, cards)).toPass({ timeout: 5_000 });
}

async function expectReadableNow(edge: Locator, source: Locator, target: Locator, otherTarget: Locator, cards: Locator[]) {
  const { start, end } = await pathEnds(edge);
  expect(distanceToBorder(start, await rectOf(source))).toBeLessThan(3);
  expect(distanceToBorder(end, await rectOf(target))).toBeLessThan(3);
  const label = await rectOf(edge.getByText("revise ×2"));
  for (const card of cards) expect(overlaps(label, await rectOf(card))).toBe(false);
  const centre = { x: label.x + label.width / 2, y: label.y + label.height / 2 };
  expect(distanceToBorder(centre, await rectOf(target))).toBeLessThan(distanceToBorder(centre, await rectOf(otherTarget)));
}

test("in the editor, revise edges run from the reviewer to their own targets, labelled off the cards", async ({ page, request }) => {
  const id = await createGraph(request, "Revise edges", { template: "research-review" });
  const editor = new EditorPage(page);
  await editor.goto(id);
  const reviewer = editor.node("reviewer", "Reviewer");
  const researcher = editor.node("executor", "Researcher");
  const analyst = editor.node("executor", "Analyst");
  const cards = [editor.node("planner", "Research planner"), researcher, analyst, reviewer];
  await expectReadable(editor.reviseEdge("Reviewer", "Researcher"), reviewer, researcher, analyst, cards);
  await expectReadable(editor.reviseEdge("Reviewer", "Analyst"), reviewer, analyst, researcher, cards);
});

test("the revise input shows on the nodes only while a revise edge is being drawn", async ({ page, request }) => {
  const { templates } = await (await request.get("/api/v1/templates")).json();
  const graph: GraphJson = structuredClone(templates.find((t: { id: string }) => t.id === "research-review").graph);
  graph.edges = graph.edges.filter((edge) => edge.id !== "reviewer-revises-analyst");
  const id = await createGraph(request, "Draw a revise edge", { graph });
  const editor = new EditorPage(page);
  await editor.goto(id);

  // At rest no node carries a stray revise mark.
  for (const label of ["Research planner", "Researcher", "Analyst", "Reviewer"]) await expect(editor.reviseInput(label)).toBeHidden();

  // Dragging from the reviewer's revise handle shows where the edge can go.
  const from = await rectOf(editor.reviseHandle("Reviewer"));
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x - 40, from.y + 60, { steps: 5 });
  await expect(editor.reviseInput("Analyst")).toBeVisible();
  await expect(editor.reviseInput("Analyst")).toHaveAttribute("title", /send work back/);
  const to = await rectOf(editor.reviseInput("Analyst"));
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();

  await expect(editor.reviseEdge("Reviewer", "Analyst")).toBeVisible();
  await expect(editor.reviseInput("Analyst")).toBeHidden();
  await editor.expectSaved();
});

test("on the run canvas, each revise edge ends on its own target with its label off the cards", async ({ page, request }) => {
  const id = await createGraph(request, "Revise edges (run)", { template: "research-review" });
  const runId = await startRun(request, id, "Compare two message queues. [sim:items=2]", 0);
  await waitForRunEnd(request, runId);
  const run = new RunPage(page);
  await run.goto(runId);
  const cards = ["Research planner", "Researcher", "Analyst", "Reviewer"].map((label) => run.node(label));
  await expect(run.reviseEdge("Reviewer", "Researcher")).toBeVisible();
  await expectReadable(run.reviseEdge("Reviewer", "Researcher"), run.node("Reviewer"), run.node("Researcher"), run.node("Analyst"), cards);
  await expectReadable(run.reviseEdge("Reviewer", "Analyst"), run.node("Reviewer"), run.node("Analyst"), run.node("Researcher"), cards);
});
