import { describe, expect, it } from "vitest";
import { TEMPLATES } from "@/lib/graph";
import { CARD, spreadPositions } from "./canvas-layout";

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < CARD.width && Math.abs(a.y - b.y) < CARD.height;

describe("spreadPositions", () => {
  it("spreads every template's layout so no two live cards overlap, keeping its shape", () => {
    for (const template of TEMPLATES) {
      const before = template.graph.nodes.map((n) => n.position);
      const after = spreadPositions(before);
      for (let i = 0; i < after.length; i++) for (let j = i + 1; j < after.length; j++) expect(overlaps(after[i], after[j])).toBe(false);
      // Order along each axis is kept: the graph still reads left to right, top to bottom.
      const order = (ps: { x: number; y: number }[], k: "x" | "y") => ps.map((p, i) => [p[k], i]).sort((a, b) => a[0] - b[0]).map((e) => e[1]);
      expect(order(after, "x")).toEqual(order(before, "x"));
      expect(order(after, "y")).toEqual(order(before, "y"));
    }
  });

  it("leaves a layout that already fits alone", () => {
    const roomy = [{ x: 0, y: 0 }, { x: 400, y: 0 }, { x: 400, y: 300 }];
    expect(spreadPositions(roomy)).toEqual(roomy);
  });
});
