import { describe, expect, it } from "vitest";
import { createNode } from "@/lib/graph";
import { toCanvasNode } from "@/lib/stores/editor/convert";
import { nodeBoxes } from "./node-boxes";
import { BOX_SIZE, overviewNodes } from "./overview-nodes";

const node = (id: string, x: number, y: number) => toCanvasNode(createNode("executor", { id, label: `Worker ${id}`, position: { x, y } }));

describe("overviewNodes", () => {
  it("places each node by left/top at its position, not by React Flow's transform, at the box's size", () => {
    const [box] = overviewNodes([node("a", 40, -60)]);
    expect(box.style).toEqual({ transform: "none", left: 40, top: -60 });
    expect(box.measured).toEqual(BOX_SIZE);
    expect(box.position).toEqual({ x: 40, y: -60 });
    expect(nodeBoxes([box])[0]).toMatchObject({ x: 40, y: -60, ...BOX_SIZE });
  });

  it("keeps an unchanged node the same object when another one moves, so React Flow skips it", () => {
    const nodes = [node("a", 0, 0), node("b", 300, 0)];
    const before = overviewNodes(nodes);
    expect(overviewNodes(nodes)).toBe(before);
    const moved = [nodes[0], { ...nodes[1], position: { x: 320, y: 20 } }];
    const after = overviewNodes(moved);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1].style).toMatchObject({ left: 320, top: 20 });
  });

  it("leaves the node being dragged to React Flow's transform", () => {
    const [box] = overviewNodes([{ ...node("a", 40, 60), dragging: true }]);
    expect(box.style).toBeUndefined();
    expect(box.measured).toEqual(BOX_SIZE);
  });
});
