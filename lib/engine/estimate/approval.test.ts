import { describe, expect, it } from "vitest";
import { graphDocumentSchema } from "@/lib/graph";
import { rawEdge, rawGraph, rawNode } from "@/lib/graph/testing";
import { DEFAULT_CATALOG } from "@/lib/models/catalog";
import { estimateRunCost } from ".";

const node = (role: "executor" | "approval", id: string) => rawNode(role, id, { instructions: "Write it." });
const direct = graphDocumentSchema.parse(rawGraph([node("executor", "draft"), node("executor", "publish")], [rawEdge("draft", "publish")]));
const gated = graphDocumentSchema.parse(
  rawGraph([node("executor", "draft"), node("approval", "gate"), node("executor", "publish")], [rawEdge("draft", "gate"), rawEdge("gate", "publish")]),
);

describe("estimating an approval step", () => {
  it("prices it as free and hands its upstream text on, so the nodes after it cost what they would without it", () => {
    const withGate = estimateRunCost(gated, "Announce the launch.", DEFAULT_CATALOG);
    const without = estimateRunCost(direct, "Announce the launch.", DEFAULT_CATALOG);
    const gate = withGate.nodes.find((n) => n.nodeId === "gate")!;
    expect(gate.costNanoUsd).toEqual({ low: 0, expected: 0, high: 0 });
    expect(gate.calls).toEqual({ low: 0, expected: 0, high: 0 });
    const publish = (estimate: typeof without) => estimate.nodes.find((n) => n.nodeId === "publish")!;
    // The publisher reads the same text under another heading ("Input from gate"): within a few tokens.
    expect(Math.abs(publish(withGate).inputTokens.expected - publish(without).inputTokens.expected)).toBeLessThan(5);
    expect(withGate.costNanoUsd.expected).toBeCloseTo(without.costNanoUsd.expected, -3);
  });
});
