import { describe, expect, it } from "vitest";
import type { CanvasEdge, CanvasNode } from "@/lib/stores/editor";
import { OVERVIEW_GROUP, movingPaths, overviewGroups, overviewPaths } from "./overview-edges";

const node = (id: string, x: number, y: number, role = "executor") =>
  ({ id, type: role, position: { x, y }, measured: { width: 200, height: 80 }, data: {} }) as unknown as CanvasNode;
const edge = (id: string, source: string, target: string, type = "data") => ({ id, source, target, type }) as CanvasEdge;

describe("overview edges", () => {
  const nodes = [node("a", 0, 0), node("b", 400, 100), node("r", 800, 0, "reviewer")];

  it("draws a data edge from its source's right middle to its target's left middle, a revise edge from the reviewer's bottom to its target's top", () => {
    const paths = overviewPaths(nodes, [edge("ab", "a", "b"), edge("rb", "r", "b", "revise")], () => false);
    expect(paths.data).toBe("M200,40L400,140");
    expect(paths.revise).toBe("M944,80L500,100");
    expect(paths.flagged).toBe("");
  });

  it("draws flagged edges on their own path, and skips edges whose node is gone", () => {
    const paths = overviewPaths(nodes, [edge("ab", "a", "b"), edge("bz", "b", "z"), edge("br", "b", "r")], (id) => id === "ab");
    expect(paths.flagged).toBe("M200,40L400,140");
    expect(paths.data).toBe("M600,140L800,40");
  });
});

describe("overview edge groups", () => {
  it("splits the edges into consecutive groups, so moving a node changes only the groups holding its edges", () => {
    const many = Array.from({ length: 130 }, (_, i) => node(`n${i}`, i * 300, 0));
    const chain = many.slice(1).map((n, i) => edge(`e${i}`, many[i].id, n.id));
    const before = overviewGroups(many, chain, () => false);
    expect(before).toHaveLength(Math.ceil(129 / OVERVIEW_GROUP));
    const moved = many.map((n) => (n.id === "n5" ? { ...n, position: { x: 1500, y: 50 } } : n));
    const after = overviewGroups(moved, chain, () => false);
    expect(after[0]).not.toEqual(before[0]);
    expect(after.slice(1)).toEqual(before.slice(1));
    // Unchanged groups are the very objects drawn before: their strings are not rebuilt.
    expect(after[1]).toBe(before[1]);
  });

  it("redraws a group when one of its edges is flagged, though no node moved", () => {
    const many = Array.from({ length: 70 }, (_, i) => node(`n${i}`, i * 300, 0));
    const chain = many.slice(1).map((n, i) => edge(`e${i}`, many[i].id, n.id));
    const before = overviewGroups(many, chain, () => false);
    const after = overviewGroups(many, chain, (id) => id === "e66");
    expect(after[0]).toBe(before[0]);
    expect(after[1].flagged).toBe("M20000,40L20100,40");
    expect(after[1].data).not.toContain("M20000,40");
  });
});

describe("overview edges while a drag carries nodes", () => {
  const many = Array.from({ length: 130 }, (_, i) => node(`n${i}`, i * 300, 0));
  const chain = many.slice(1).map((n, i) => edge(`e${i}`, many[i].id, n.id));

  it("leaves the carried nodes' edges out of the groups, and redraws only the groups that held them", () => {
    const before = overviewGroups(many, chain, () => false);
    const during = overviewGroups(many, chain, () => false, new Set(["n100"]));
    expect(during[0]).toBe(before[0]);
    expect(during[1].data).not.toContain("M29900,40L30000,40");
    expect(during[1].data).not.toContain("M30200,40L30300,40");
    expect(before[1].data).toContain("M29900,40L30000,40");
  });

  it("draws the carried nodes' edges moved by their offsets, and no other edge", () => {
    const paths = movingPaths(many, chain, (id) => id === "e100", new Map([["n100", { x: 20, y: -40 }]]));
    // n99 -> n100 ends at the moved node's left middle; n100 -> n101 (flagged) leaves from its right middle.
    expect(paths.data).toBe("M29900,40L30020,0");
    expect(paths.flagged).toBe("M30220,0L30300,40");
    expect(paths.revise).toBe("");
  });
});
