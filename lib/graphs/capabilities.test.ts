import { describe, expect, it } from "vitest";
import { validateGraph } from "@/lib/graph";
import { rawEdge, rawGraph, rawNode } from "@/lib/graph/testing";
import { applyCatalogOverrides, DEFAULT_CATALOG } from "@/lib/models";
import { TOOL_NAMES } from "@/lib/tools";
import { problemsOf } from "./validation";

// Nano runs on a small local model that has neither structured output nor tool calling.
const catalog = applyCatalogOverrides(DEFAULT_CATALOG, {
  tiers: { nano: "tinyllama" },
  models: { tinyllama: { provider: "local", structuredOutput: false, tools: false }, "phi4-mini": { provider: "local", tools: false } },
});

function graph(nodes: ReturnType<typeof rawNode>[], edges: ReturnType<typeof rawEdge>[]) {
  const result = validateGraph(rawGraph(nodes, edges), { toolNames: TOOL_NAMES });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.graph;
}

describe("capability problems", () => {
  const nodes = [
    rawNode("planner", "plan", { label: "Plan" }),
    rawNode("executor", "search", { label: "Search", tier: "nano", tools: ["calculator"] }),
    rawNode("executor", "extract", { label: "Extract", tier: "nano" }),
    rawNode("reviewer", "review", { label: "Review", tier: "nano" }),
  ];
  const edges = [rawEdge("plan", "search"), rawEdge("plan", "extract"), rawEdge("search", "review"), rawEdge("extract", "review")];

  it("reports a reviewer without structured output and an executor with tools on a model without them, each on its node, with a fix", () => {
    const problems = problemsOf(graph(nodes, edges), { toolNames: TOOL_NAMES, catalog });
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ["model_lacks_tools", "search"],
      ["model_lacks_structured_output", "review"],
    ]);
    expect(problems[1].message).toBe(
      'Reviewer "Review" runs on "tinyllama", which cannot answer in a JSON schema, and a reviewer must. Pick a tier or model with structured output, or mark the model as supporting it in Settings → Providers.',
    );
    expect(problems[0].path).toEqual(["nodes", 1, "tier"]);
  });

  it("judges a node's model override rather than its tier", () => {
    const overridden = nodes.map((n) => (n.id === "review" ? { ...n, model: "gpt-5.4" } : n.id === "plan" ? { ...n, model: "phi4-mini" } : n));
    const problems = problemsOf(graph(overridden, edges), { toolNames: TOOL_NAMES, catalog });
    expect(problems.map((p) => [p.code, p.nodeId, p.path?.at(-1)])).toEqual([["model_lacks_tools", "search", "tier"]]);
  });

  it("finds nothing wrong with the default catalog, whose models do everything", () => {
    expect(problemsOf(graph(nodes, edges))).toEqual([]);
  });
});
