import { Position } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "@/lib/graph";
import type { NodeBox } from "../edges/revise-path";
import { TOOLBAR, toolbarSide } from "./toolbar-side";

const CARD = { width: 224, height: 130 };
const box = (id: string, x: number, y: number): NodeBox => ({ id, x, y, ...CARD });

/** The toolbar's rectangle on the canvas for a side, as NodeToolbar places it (centred on that side). */
function toolbarArea(node: NodeBox, side: Position, zoom: number) {
  const [w, h, o] = [TOOLBAR.width / zoom, TOOLBAR.height / zoom, TOOLBAR.offset / zoom];
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  if (side === Position.Top) return { x: cx - w / 2, y: node.y - o - h, width: w, height: h };
  if (side === Position.Bottom) return { x: cx - w / 2, y: node.y + node.height + o, width: w, height: h };
  if (side === Position.Right) return { x: node.x + node.width + o, y: cy - h / 2, width: w, height: h };
  return { x: node.x - o - w, y: cy - h / 2, width: w, height: h };
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: NodeBox) =>
  a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

describe("toolbarSide", () => {
  it("puts the toolbar above a node with room above it", () => {
    expect(toolbarSide([box("a", 0, 200), box("b", 300, 200)], "a", 1)).toBe(Position.Top);
  });

  it("moves it below when the neighbour above would be covered, as Analyst's under Researcher", () => {
    const researcher = box("researcher", 280, 0);
    const analyst = box("analyst", 280, 140);
    expect(overlaps(toolbarArea(analyst, Position.Top, 1), researcher)).toBe(true);
    const side = toolbarSide([researcher, analyst], "analyst", 1);
    expect(side).toBe(Position.Bottom);
    expect(overlaps(toolbarArea(analyst, side, 1), researcher)).toBe(false);
  });

  it("needs more room on the canvas when zoomed out, where the toolbar covers more of it", () => {
    const boxes = [box("upper", 0, 0), box("lower", 0, 200)];
    expect(toolbarSide(boxes, "lower", 1)).toBe(Position.Top);
    expect(toolbarSide(boxes, "lower", 0.5)).not.toBe(Position.Top);
  });

  it("covers no neighbour in any template at the default zoom", () => {
    for (const { graph } of TEMPLATES) {
      const boxes = graph.nodes.map((node) => box(node.id, node.position.x, node.position.y));
      for (const node of boxes) {
        const area = toolbarArea(node, toolbarSide(boxes, node.id, 1), 1);
        for (const other of boxes) if (other.id !== node.id) expect(overlaps(area, other), `${node.id}'s toolbar on ${other.id}`).toBe(false);
      }
    }
  });
});
