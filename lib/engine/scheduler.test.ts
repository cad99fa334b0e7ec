import { describe, expect, it } from "vitest";
import type { EngineEvent } from "./events";
import { fixtureGraph, maxSimultaneous, rawEdge, rawNode, runFixture } from "./test-harness";

const TASK = "List practical ways to cut a household's energy use.";

/** Most model calls streaming at once: from a call's first delta to its usage report. */
function maxStreaming(events: readonly EngineEvent[]): number {
  const open = new Set<string>();
  let peak = 0;
  for (const e of events) {
    if (!("nodeId" in e)) continue;
    const key = `${e.nodeId}#${e.instance}`;
    if (e.type === "node.delta" && !open.has(key)) {
      open.add(key);
      peak = Math.max(peak, open.size);
    } else if (e.type === "node.usage") open.delete(key);
  }
  return peak;
}

describe("scheduler", () => {
  it("runs a pool's instances in parallel up to its concurrency", async () => {
    const graph = fixtureGraph(
      [
        rawNode("planner", "plan", { label: "Planner", instructions: "[sim:items=6]" }),
        rawNode("executor", "pool", { label: "Pool", instructions: "[sim:tokens=40]", tier: "nano", options: { concurrency: 2 } }),
      ],
      [rawEdge("plan", "pool")],
    );
    const { outcome, events } = await runFixture(graph, TASK, { speed: 20 });
    expect(outcome.status).toBe("succeeded");
    expect(events.filter((e) => e.type === "node.started" && e.nodeId === "pool")).toHaveLength(6);
    expect(maxSimultaneous(events, "pool")).toBe(2);
  });

  it("bounds concurrent model calls across the run by settings.maxConcurrency", async () => {
    const nodes = ["a", "b", "c", "d", "e"].map((id) => rawNode("executor", id, { label: id.toUpperCase(), tier: "nano", instructions: "[sim:tokens=40]" }));
    const limited = await runFixture(fixtureGraph(nodes, [], { maxConcurrency: 2 }), TASK, { speed: 20 });
    expect(limited.outcome.status).toBe("succeeded");
    expect(maxStreaming(limited.events)).toBe(2);
    const open = await runFixture(fixtureGraph(nodes), TASK, { speed: 20 });
    expect(maxStreaming(open.events)).toBe(5);
  });

  it("keeps wall time near the critical path: independent nodes overlap", async () => {
    const one = fixtureGraph([rawNode("executor", "a", { label: "A", tier: "nano", instructions: "[sim:tokens=60]" })]);
    const four = fixtureGraph(
      ["a", "b", "c", "d"].map((id) => rawNode("executor", id, { label: id, tier: "nano", instructions: `[sim:tokens=60] ${id}` })),
    );
    const single = await runFixture(one, TASK, { speed: 3 });
    const parallel = await runFixture(four, TASK, { speed: 3 });
    expect(parallel.outcome.totals.durationMs).toBeLessThan(single.outcome.totals.durationMs * 1.8);
  });

  it("starts a node only after all of its data predecessors completed", async () => {
    const graph = fixtureGraph(
      [
        rawNode("executor", "fast", { label: "Fast", tier: "nano", instructions: "[sim:tokens=20]" }),
        rawNode("executor", "slow", { label: "Slow", tier: "flagship", instructions: "[sim:tokens=120]" }),
        rawNode("executor", "join", { label: "Join", tier: "nano" }),
      ],
      [rawEdge("fast", "join"), rawEdge("slow", "join")],
    );
    const { events } = await runFixture(graph, TASK, { speed: 20 });
    const at = (type: string, id: string) => events.findIndex((e) => e.type === type && "nodeId" in e && e.nodeId === id);
    expect(at("node.completed", "fast")).toBeLessThan(at("node.completed", "slow"));
    expect(at("node.started", "join")).toBeGreaterThan(at("node.completed", "slow"));
  });
});
