import { describe, expect, it } from "vitest";
import { GRAPH_ISSUE_CODES, type GraphIssue } from "./issues";
import { pipeline, rawEdge, rawGraph, rawNode } from "./testing";
import { checkGraphDocument, graphProblems, validateGraph, type ValidationContext } from "./validate";

const ctx: ValidationContext = { toolNames: ["calculator", "fetch_url"] };

function errorsOf(input: unknown, context: ValidationContext = ctx): GraphIssue[] {
  const result = validateGraph(input, context);
  if (result.ok) throw new Error("expected the graph to be invalid");
  return result.errors;
}

function only(issues: GraphIssue[], code: GraphIssue["code"]): GraphIssue {
  const matching = issues.filter((issue) => issue.code === code);
  expect(matching, `issues with code ${code}`).toHaveLength(1);
  return matching[0];
}

describe("validateGraph: semantic rules", () => {
  it("accepts a planner → executor → reviewer pipeline and applies defaults", () => {
    const result = validateGraph(pipeline(), ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    const worker = result.graph.nodes.find((node) => node.id === "work");
    expect(worker).toMatchObject({ tools: [], instructions: "", options: { concurrency: 4, maxToolCalls: 6, maxOutputTokens: 1500 } });
    expect(result.graph.edges[0].kind).toBe("data");
    expect(result.graph.settings).toEqual({ maxConcurrency: 16 });
  });

  it("rejects a graph without nodes (empty_graph)", () => {
    const issue = only(errorsOf(rawGraph([])), "empty_graph");
    expect(issue.message).toBe("The graph has no nodes. Add at least one node.");
  });

  it("reports a repeated node id on the later node (duplicate_node_id)", () => {
    const graph = pipeline();
    graph.nodes.push(rawNode("executor", "work", { label: "Helper" }));
    const issue = only(errorsOf(graph), "duplicate_node_id");
    expect(issue).toMatchObject({ nodeId: "work", path: ["nodes", 3, "id"] });
    expect(issue.message).toContain('Executor "Helper"');
    expect(issue.message).toContain('Executor "Worker"');
  });

  it("reports a repeated edge id (duplicate_edge_id)", () => {
    const graph = pipeline();
    graph.edges.push(rawEdge("plan", "review", { id: "plan->work" }));
    const issue = only(errorsOf(graph), "duplicate_edge_id");
    expect(issue).toMatchObject({ edgeId: "plan->work", path: ["edges", 2, "id"] });
    expect(issue.message).toContain('Edge "plan->work"');
  });

  it("reports an edge to a node that does not exist (dangling_edge)", () => {
    const graph = pipeline();
    graph.edges.push(rawEdge("work", "ghost", { id: "to-ghost" }));
    const issue = only(errorsOf(graph), "dangling_edge");
    expect(issue).toMatchObject({ edgeId: "to-ghost", path: ["edges", 2, "target"] });
    expect(issue.message).toBe('Edge "to-ghost" refers to node "ghost", which does not exist.');
  });

  it("reports an edge from a node to itself (self_loop)", () => {
    const graph = pipeline();
    graph.edges.push(rawEdge("work", "work", { id: "loop" }));
    const issue = only(errorsOf(graph), "self_loop");
    expect(issue).toMatchObject({ nodeId: "work", edgeId: "loop" });
    expect(issue.message).toBe('Executor "Worker" has an edge to itself.');
  });

  it("reports the same connection drawn twice (duplicate_edge)", () => {
    const graph = pipeline();
    graph.edges.push(rawEdge("plan", "work", { id: "again" }));
    const issue = only(errorsOf(graph), "duplicate_edge");
    expect(issue).toMatchObject({ edgeId: "again" });
    expect(issue.message).toContain('from "Plan research" to "Worker"');
  });

  it("reports every node on a data cycle and no other (data_cycle)", () => {
    const graph = pipeline();
    graph.nodes.push(rawNode("executor", "a", { label: "Alpha" }), rawNode("executor", "b", { label: "Beta" }));
    graph.edges.push(rawEdge("work", "a"), rawEdge("a", "b"), rawEdge("b", "work"));
    const issues = errorsOf(graph).filter((issue) => issue.code === "data_cycle");
    expect(issues.map((issue) => issue.nodeId)).toEqual(["work", "a", "b"]);
    expect(issues[1].message).toContain('Executor "Alpha" is on a cycle of data edges with "Worker" and "Beta"');
  });

  it("requires an executor downstream of every planner (planner_without_executor)", () => {
    const graph = rawGraph(
      [rawNode("planner", "plan", { label: "Plan research" }), rawNode("reviewer", "review", { label: "Check" })],
      [rawEdge("plan", "review")],
    );
    const issue = only(errorsOf(graph), "planner_without_executor");
    expect(issue.nodeId).toBe("plan");
    expect(issue.message).toMatch(/^Planner "Plan research" has no executor downstream\./);
  });

  it("accepts an executor reached through another node", () => {
    const graph = rawGraph(
      [rawNode("planner", "outer"), rawNode("planner", "inner"), rawNode("executor", "work")],
      [rawEdge("outer", "inner"), rawEdge("inner", "work")],
    );
    expect(validateGraph(graph, ctx).ok).toBe(true);
  });

  it("only lets reviewers start revise edges (revise_not_from_reviewer)", () => {
    const graph = pipeline();
    graph.edges.push(rawEdge("work", "plan", { id: "back", kind: "revise" }));
    const issue = only(errorsOf(graph), "revise_not_from_reviewer");
    expect(issue).toMatchObject({ nodeId: "work", edgeId: "back" });
    expect(issue.message).toContain('Executor "Worker" cannot send work back to "Plan research"');
  });

  it("accepts a revise edge to an ancestor of the reviewer", () => {
    const graph = pipeline();
    graph.edges.push(rawEdge("review", "work", { kind: "revise" }), rawEdge("review", "plan", { kind: "revise" }));
    expect(validateGraph(graph, ctx).ok).toBe(true);
  });

  it("rejects a revise edge to a node that does not feed the reviewer (revise_not_to_ancestor)", () => {
    const graph = pipeline();
    graph.nodes.push(rawNode("executor", "side", { label: "Side task" }));
    graph.edges.push(rawEdge("plan", "side"), rawEdge("review", "side", { id: "bad-revise", kind: "revise" }));
    const issue = only(errorsOf(graph), "revise_not_to_ancestor");
    expect(issue).toMatchObject({ nodeId: "review", edgeId: "bad-revise" });
    expect(issue.message).toContain('Reviewer "Final review" has a revise edge to "Side task", which is not upstream of it.');
  });

  it("rejects tools missing from the registry (unknown_tool)", () => {
    const graph = pipeline();
    graph.nodes[1].tools = ["calculator", "web_search"];
    const issue = only(errorsOf(graph), "unknown_tool");
    expect(issue).toMatchObject({ nodeId: "work", path: ["nodes", 1, "tools", 1] });
    expect(issue.message).toBe('Executor "Worker" uses the tool "web_search", which does not exist.');
  });

  it("rejects a tool listed twice on one node (duplicate_tool)", () => {
    const graph = pipeline();
    graph.nodes[1].tools = ["calculator", "fetch_url", "calculator"];
    const issue = only(errorsOf(graph), "duplicate_tool");
    expect(issue).toMatchObject({ nodeId: "work", path: ["nodes", 1, "tools", 2] });
    expect(issue.message).toBe('Executor "Worker" lists the tool "calculator" more than once.');
  });

  it("rejects executors below one planner that share a label (ambiguous_executor_label)", () => {
    const graph = pipeline();
    graph.nodes.push(rawNode("executor", "work-2", { label: " worker " }));
    graph.edges.push(rawEdge("plan", "work-2"), rawEdge("work-2", "review"));
    const issue = only(errorsOf(graph), "ambiguous_executor_label");
    expect(issue).toMatchObject({ nodeId: "work-2", path: ["nodes", 3, "label"] });
    expect(issue.message).toContain('Executor "worker" has the same label as another executor below Planner "Plan research"');
  });

  it("allows the same executor label under different planners", () => {
    const graph = rawGraph(
      [rawNode("planner", "p1"), rawNode("planner", "p2"), rawNode("executor", "e1", { label: "Worker" }), rawNode("executor", "e2", { label: "Worker" })],
      [rawEdge("p1", "e1"), rawEdge("p2", "e2")],
    );
    expect(validateGraph(graph, ctx).ok).toBe(true);
  });

  it("warns about a model override without a known price, without blocking (unpriced_model)", () => {
    const graph = pipeline();
    graph.nodes[1].model = "my-finetune";
    graph.nodes[2].model = "gpt-5.4";
    const result = validateGraph(graph, { ...ctx, models: ["gpt-5.4", "gpt-5.4-mini"] });
    expect(result.ok).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: "unpriced_model", nodeId: "work", path: ["nodes", 1, "model"] });
    expect(result.warnings[0].message).toContain('Executor "Worker" uses the model "my-finetune"');
    expect(validateGraph(graph, ctx).warnings).toEqual([]);
  });

  it("returns every error at once, structural and semantic, each located", () => {
    const graph = pipeline();
    graph.nodes[1].tools = ["web_search"];
    graph.nodes[2].tier = "ultra";
    graph.nodes.push(rawNode("planner", "lonely", { label: "Lonely planner", instructions: "x".repeat(20_001) }));
    graph.edges.push(rawEdge("work", "ghost", { id: "dangling" }), rawEdge("review", "review", { id: "self" }));
    const result = validateGraph(graph, { ...ctx, models: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const located = result.errors.map(({ code, nodeId, edgeId }) => ({ code, nodeId, edgeId }));
    expect(located).toEqual(
      expect.arrayContaining([
        { code: "unknown_tier", nodeId: "review", edgeId: undefined },
        { code: "field_too_large", nodeId: "lonely", edgeId: undefined },
        { code: "unknown_tool", nodeId: "work", edgeId: undefined },
        { code: "dangling_edge", nodeId: undefined, edgeId: "dangling" },
        { code: "self_loop", nodeId: "review", edgeId: "self" },
        { code: "planner_without_executor", nodeId: "lonely", edgeId: undefined },
      ]),
    );
    expect(result.errors).toHaveLength(6);
  });

  it("uses only codes from the published list", () => {
    const graph = pipeline();
    graph.nodes[0].tier = "ultra";
    graph.edges.push(rawEdge("x", "y"));
    for (const issue of errorsOf(graph)) expect(GRAPH_ISSUE_CODES).toContain(issue.code);
  });

  it("checks a 2000-node graph with 10000 edges quickly", () => {
    const nodes = [rawNode("planner", "n0")];
    for (let i = 1; i < 2000; i++) nodes.push(rawNode("executor", `n${i}`, { label: `Step ${i}` }));
    const edges = [];
    for (let i = 0; i < 2000; i++) {
      for (let step = 1; step <= 5; step++) if (i + step < 2000) edges.push(rawEdge(`n${i}`, `n${i + step}`));
    }
    const started = performance.now();
    const result = validateGraph(rawGraph(nodes, edges.slice(0, 10_000)), ctx);
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("checkGraphDocument: what may be stored", () => {
  it("keeps a well-formed graph that breaks rules, with its problems, so it can be saved", () => {
    const graph = rawGraph([rawNode("planner", "plan", { label: "Lone planner" })]);
    graph.edges.push(rawEdge("plan", "ghost", { id: "to-ghost" }));
    const result = checkGraphDocument(graph, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph.nodes[0]).toMatchObject({ id: "plan", label: "Lone planner", options: { maxSubtasks: expect.any(Number) } });
    expect(result.problems.map((issue) => issue.code).sort()).toEqual(["dangling_edge", "planner_without_executor"]);
    // The same problems as a stored graph's, which is read without them.
    expect(graphProblems(result.graph, ctx).problems).toEqual(result.problems);
  });

  it("keeps an empty graph (a canvas being started), with its problem", () => {
    const result = checkGraphDocument(rawGraph([]), ctx);
    expect(result.ok && result.problems.map((issue) => issue.code)).toEqual(["empty_graph"]);
  });

  it("refuses wrong types and sizes, unknown tiers and versions, and repeated ids, listing every error", () => {
    const badLabel = pipeline();
    badLabel.nodes[1].label = "   ";
    const tier = pipeline();
    tier.nodes[0].tier = "ultra";
    const repeatedNode = pipeline();
    repeatedNode.nodes.push(rawNode("executor", "work", { label: "Twin" }));
    const repeatedEdge = pipeline();
    repeatedEdge.edges.push(rawEdge("plan", "review", { id: "plan->work" }));
    const cases: [unknown, string][] = [
      [badLabel, "invalid_field"],
      [tier, "unknown_tier"],
      [repeatedNode, "duplicate_node_id"],
      [repeatedEdge, "duplicate_edge_id"],
      [{ ...pipeline(), schemaVersion: 99 }, "unsupported_version"],
      [{ ...pipeline(), nodes: "none" }, "invalid_field"],
    ];
    for (const [input, code] of cases) {
      const result = checkGraphDocument(input, ctx);
      expect(result.ok, code).toBe(false);
      if (!result.ok) expect(result.errors.map((issue) => issue.code)).toContain(code);
    }
  });

  it("lists rule problems next to the structural error of a malformed document", () => {
    const graph = pipeline();
    graph.nodes[1].tools = ["teleport"];
    graph.nodes.push(rawNode("executor", "work", { label: "Twin" }));
    const result = checkGraphDocument(graph, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((issue) => issue.code).sort()).toEqual(["duplicate_node_id", "unknown_tool"]);
  });
});
