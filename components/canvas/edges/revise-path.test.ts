import { describe, expect, it } from "vitest";
import { TEMPLATES, type GraphDocument } from "@/lib/graph";
import { CARD, spreadPositions } from "@/components/run/canvas-layout";
import { routeReviseEdges, type NodeBox, type ReviseRoute } from "./revise-path";

/** Roughly the size the label "revise ×2" takes on the canvas. */
const LABEL = { width: 64, height: 16 };
const EDITOR_CARD = { width: 224, height: 130 };

function boxesOf(graph: GraphDocument, size: { width: number; height: number }, positions = graph.nodes.map((node) => node.position)): NodeBox[] {
  return graph.nodes.map((node, index) => ({ id: node.id, ...positions[index], ...size }));
}

function reviseEdges(graph: GraphDocument) {
  return graph.edges.filter((edge) => edge.kind === "revise");
}

const template = (id: string) => TEMPLATES.find((candidate) => candidate.id === id)!.graph;

/** Whether an axis-aligned segment passes through a box's inside (touching its border is fine). */
function crosses(a: { x: number; y: number }, b: { x: number; y: number }, box: NodeBox): boolean {
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  const insideX = x1 === x2 ? box.x < x1 && x1 < box.x + box.width : x2 > box.x && x1 < box.x + box.width;
  const insideY = y1 === y2 ? box.y < y1 && y1 < box.y + box.height : y2 > box.y && y1 < box.y + box.height;
  return insideX && insideY;
}

function onBorder(point: { x: number; y: number }, box: NodeBox): boolean {
  const withinX = point.x >= box.x && point.x <= box.x + box.width;
  const withinY = point.y >= box.y && point.y <= box.y + box.height;
  return (withinX && (point.y === box.y || point.y === box.y + box.height)) || (withinY && (point.x === box.x || point.x === box.x + box.width));
}

function labelOverlaps(route: ReviseRoute, box: NodeBox): boolean {
  const { x, y } = route.label;
  return x + LABEL.width / 2 > box.x && x - LABEL.width / 2 < box.x + box.width && y + LABEL.height / 2 > box.y && y - LABEL.height / 2 < box.y + box.height;
}

/** What a reader needs to tell a revise edge's ends apart: it starts on the reviewer, ends on the target, runs behind no card, and its label sits on no card. */
function expectReadable(boxes: NodeBox[], edges: { id: string; source: string; target: string }[]) {
  const routes = routeReviseEdges(boxes, edges);
  expect(routes.size).toBe(edges.length);
  const byId = new Map(boxes.map((box) => [box.id, box]));
  for (const edge of edges) {
    const route = routes.get(edge.id)!;
    expect(onBorder(route.points[0], byId.get(edge.source)!), `${edge.id} starts on its reviewer`).toBe(true);
    expect(onBorder(route.points.at(-1)!, byId.get(edge.target)!), `${edge.id} ends on its target`).toBe(true);
    for (const box of boxes) {
      for (let i = 1; i < route.points.length; i++) expect(crosses(route.points[i - 1], route.points[i], box), `${edge.id} runs behind ${box.id}`).toBe(false);
      expect(labelOverlaps(route, box), `${edge.id}'s label sits on ${box.id}`).toBe(false);
    }
  }
  return routes;
}

describe("routeReviseEdges", () => {
  it("sends the research reviewer's two edges to their own targets: over the top into Researcher, under the bottom into Analyst", () => {
    const graph = template("research-review");
    const routes = expectReadable(boxesOf(graph, EDITOR_CARD), reviseEdges(graph));
    const toResearcher = routes.get("reviewer-revises-researcher")!;
    const toAnalyst = routes.get("reviewer-revises-analyst")!;
    expect(toResearcher.enters).toBe("top");
    expect(toAnalyst.enters).toBe("bottom");
    // The arrow comes down onto Researcher's top from above, and up into Analyst's bottom from below.
    const [beforeResearcher, atResearcher] = toResearcher.points.slice(-2);
    expect(beforeResearcher.y).toBeLessThan(atResearcher.y);
    expect(atResearcher).toEqual({ x: 280 + EDITOR_CARD.width / 2, y: 0 });
    const [beforeAnalyst, atAnalyst] = toAnalyst.points.slice(-2);
    expect(beforeAnalyst.y).toBeGreaterThan(atAnalyst.y);
    expect(atAnalyst).toEqual({ x: 280 + EDITOR_CARD.width / 2, y: 140 + EDITOR_CARD.height });
    // Each label is nearer its own target than the other edge's.
    const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
    expect(distance(toResearcher.label, atResearcher)).toBeLessThan(distance(toResearcher.label, atAnalyst));
    expect(distance(toAnalyst.label, atAnalyst)).toBeLessThan(distance(toAnalyst.label, atResearcher));
  });

  it("keeps every template readable in the editor and on the run canvas's spread-out layout", () => {
    for (const { graph } of TEMPLATES) {
      expectReadable(boxesOf(graph, EDITOR_CARD), reviseEdges(graph));
      expectReadable(boxesOf(graph, CARD, spreadPositions(graph.nodes.map((node) => node.position))), reviseEdges(graph));
    }
  });

  it("nests one reviewer's edges that leave on the same side, so no two share a lane or a label spot", () => {
    const boxes: NodeBox[] = ["a", "b", "c", "review"].map((id, index) => ({ id, x: index * 300, y: 0, ...EDITOR_CARD }));
    const edges = ["a", "b", "c"].map((target) => ({ id: `to-${target}`, source: "review", target }));
    const routes = expectReadable(boxes, edges);
    const lanes = edges.map((edge) => routes.get(edge.id)!.points[1].y);
    expect(new Set(lanes).size).toBe(3);
    // The nearest target gets the innermost lane.
    expect(lanes[2]).toBeLessThan(lanes[1]);
    expect(lanes[1]).toBeLessThan(lanes[0]);
  });

  it("goes round the reviewer into the target's side when the target sits right above or below it", () => {
    for (const targetY of [-300, 300]) {
      const boxes: NodeBox[] = [
        { id: "work", x: 0, y: targetY, ...EDITOR_CARD },
        { id: "review", x: 0, y: 0, ...EDITOR_CARD },
      ];
      const routes = expectReadable(boxes, [{ id: "back", source: "review", target: "work" }]);
      expect(routes.get("back")!.enters).toBe("left");
    }
  });

  it("routes around a node standing between the reviewer and its target", () => {
    const boxes: NodeBox[] = [
      { id: "work", x: 0, y: 0, ...EDITOR_CARD },
      { id: "middle", x: 300, y: 0, ...EDITOR_CARD },
      { id: "tall", x: 300, y: 160, ...EDITOR_CARD },
      { id: "review", x: 600, y: 0, ...EDITOR_CARD },
    ];
    expect(expectReadable(boxes, [{ id: "back", source: "review", target: "work" }]).get("back")!.enters).toBe("top");
  });
});
