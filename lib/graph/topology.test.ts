import { describe, expect, it } from "vitest";
import type { EdgeKind } from "./schema";
import { ancestors, buildTopology, dataCycles, descendants, sinks, sources, topologicalOrder } from "./topology";

function graph(ids: string[], edges: [string, string, EdgeKind?][]) {
  return {
    nodes: ids.map((id) => ({ id })),
    edges: edges.map(([source, target, kind = "data"]) => ({ source, target, kind })),
  };
}

// plan → a, plan → b, a → review, b → review; review may revise a.
const diamond = graph(
  ["plan", "a", "b", "review"],
  [
    ["plan", "a"],
    ["plan", "b"],
    ["a", "review"],
    ["b", "review"],
    ["review", "a", "revise"],
  ],
);

function chain(length: number) {
  const ids = Array.from({ length }, (_, i) => `n${i}`);
  return graph(ids, ids.slice(1).map((id, i) => [ids[i], id] as [string, string]));
}

describe("buildTopology", () => {
  it("maps data neighbours and revise edges separately", () => {
    const topology = buildTopology(diamond);
    expect(topology.nodeIds).toEqual(["plan", "a", "b", "review"]);
    expect(topology.dataSuccessors.get("plan")).toEqual(["a", "b"]);
    expect(topology.dataPredecessors.get("review")).toEqual(["a", "b"]);
    expect(topology.dataSuccessors.get("review")).toEqual([]);
    expect(topology.reviseTargets.get("review")).toEqual(["a"]);
    expect(topology.reviseSources.get("a")).toEqual(["review"]);
  });

  it("ignores edges to unknown nodes and counts repeated edges once", () => {
    const topology = buildTopology(graph(["x", "y"], [["x", "y"], ["x", "y"], ["x", "ghost"]]));
    expect(topology.dataSuccessors.get("x")).toEqual(["y"]);
    expect(topology.dataPredecessors.has("ghost")).toBe(false);
  });
});

describe("traversals", () => {
  const topology = buildTopology(diamond);

  it("orders nodes after their data predecessors", () => {
    expect(topologicalOrder(topology)).toEqual(["plan", "a", "b", "review"]);
  });

  it("returns null for a data cycle but ignores revise edges", () => {
    expect(topologicalOrder(buildTopology(graph(["x", "y"], [["x", "y"], ["y", "x"]])))).toBeNull();
    expect(topologicalOrder(buildTopology(graph(["x", "y"], [["x", "y"], ["y", "x", "revise"]])))).toEqual(["x", "y"]);
  });

  it("finds ancestors and descendants along data edges only", () => {
    expect(ancestors(topology, "review")).toEqual(new Set(["a", "b", "plan"]));
    expect(ancestors(topology, "a")).toEqual(new Set(["plan"]));
    expect(descendants(topology, "plan")).toEqual(new Set(["a", "b", "review"]));
    expect(descendants(topology, "review")).toEqual(new Set());
    expect(ancestors(topology, ["a", "b"])).toEqual(new Set(["plan"]));
  });

  it("finds sources and sinks", () => {
    expect(sources(topology)).toEqual(["plan"]);
    expect(sinks(topology)).toEqual(["review"]);
    const split = buildTopology(graph(["x", "y", "lone"], [["x", "y"]]));
    expect(sources(split)).toEqual(["x", "lone"]);
    expect(sinks(split)).toEqual(["y", "lone"]);
  });

  it("lists each data cycle once, self-loops included", () => {
    const cyclic = buildTopology(
      graph(
        ["s", "a", "b", "c", "d", "e"],
        [["s", "a"], ["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"], ["e", "e"], ["d", "s", "revise"]],
      ),
    );
    expect(dataCycles(cyclic)).toEqual([["a", "b", "c"], ["e"]]);
    expect(dataCycles(topology)).toEqual([]);
  });
});

describe("a 2000-node chain", () => {
  const topology = buildTopology(chain(2000));

  it("is ordered, traversed and checked for cycles without recursion limits", () => {
    const order = topologicalOrder(topology);
    expect(order).toHaveLength(2000);
    expect(order?.[0]).toBe("n0");
    expect(order?.[1999]).toBe("n1999");
    expect(ancestors(topology, "n1999").size).toBe(1999);
    expect(descendants(topology, "n0").size).toBe(1999);
    expect(descendants(topology, "n1000").size).toBe(999);
    expect(sources(topology)).toEqual(["n0"]);
    expect(sinks(topology)).toEqual(["n1999"]);
    expect(dataCycles(topology)).toEqual([]);
  });

  it("detects the cycle when the chain is closed into a ring", () => {
    const ring = chain(2000);
    ring.edges.push({ source: "n1999", target: "n0", kind: "data" });
    const ringTopology = buildTopology(ring);
    expect(topologicalOrder(ringTopology)).toBeNull();
    const cycles = dataCycles(ringTopology);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(2000);
  });
});
