import { describe, expect, it } from "vitest";
import type { GraphDocument } from "@/lib/graph";
import { fixtureGraph, rawEdge, rawNode, runFixture, type RawEdge, type RawNode } from "./test-harness";

const TASK = "Sort the incoming support tickets.";

/** 200 nodes in 20 layers of 10, each node fed by two nodes of the layer above. */
function layered(): GraphDocument {
  const nodes: RawNode[] = [];
  const edges: RawEdge[] = [];
  for (let layer = 0; layer < 20; layer++) {
    for (let i = 0; i < 10; i++) {
      const id = `n${layer}-${i}`;
      nodes.push(rawNode("executor", id, { label: `Node ${layer}.${i}`, tier: "nano" }));
      if (layer > 0) {
        edges.push(rawEdge(`n${layer - 1}-${i}`, id));
        edges.push(rawEdge(`n${layer - 1}-${(i + 1) % 10}`, id));
      }
    }
  }
  return fixtureGraph(nodes, edges, { maxConcurrency: 16 });
}

// The engine's own time per node is measured by e2e/perf/engine-bench.ts and langgraph-bench.ts,
// side by side with LangGraph; a timed assertion here would only measure the machine's load.
describe("engine at scale", () => {
  it("runs a 200-node graph on the instant simulator", async () => {
    const graph = layered();
    const { outcome, events } = await runFixture(graph, TASK, { speed: 0 });
    expect(outcome.status).toBe("succeeded");
    expect(events.filter((e) => e.type === "node.completed")).toHaveLength(200);
  });
});
