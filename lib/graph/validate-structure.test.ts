import { describe, expect, it } from "vitest";
import type { GraphIssue } from "./issues";
import { pipeline, rawEdge, rawGraph, rawNode } from "./testing";
import { validateGraph } from "./validate";

const ctx = { toolNames: ["calculator", "fetch_url"] };

function errorsOf(input: unknown): GraphIssue[] {
  const result = validateGraph(input, ctx);
  if (result.ok) throw new Error("expected the graph to be invalid");
  return result.errors;
}

describe("validateGraph: structural errors", () => {
  it("maps a bad tier to unknown_tier on its node", () => {
    const graph = pipeline();
    graph.nodes[1].tier = "ultra";
    expect(errorsOf(graph)).toEqual([
      {
        code: "unknown_tier",
        message: 'Executor "Worker" uses unknown tier "ultra". Choose flagship, mini or nano.',
        nodeId: "work",
        path: ["nodes", 1, "tier"],
      },
    ]);
  });

  it.each([
    ["label", "x".repeat(81), "label is longer than 80 characters"],
    ["instructions", "x".repeat(20_001), "instructions is longer than 20000 characters"],
    ["model", "m".repeat(101), "model is longer than 100 characters"],
    ["tools", Array.from({ length: 17 }, (_, i) => `tool_${i}`), "tools has more than 16 items"],
  ])("reports an oversized %s as field_too_large on its node", (field, value, problem) => {
    const graph = pipeline();
    graph.nodes[1][field] = value;
    const issue = errorsOf(graph).find((candidate) => candidate.code === "field_too_large");
    expect(issue).toMatchObject({ nodeId: "work", path: ["nodes", 1, field] });
    expect(issue?.message).toContain(problem);
    expect(issue?.message).toMatch(/^Executor "(Worker|x+)"/);
  });

  it("reports an oversized edge id on its edge", () => {
    const graph = pipeline();
    const longId = "e".repeat(129);
    graph.edges[0].id = longId;
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({ code: "field_too_large", edgeId: longId, path: ["edges", 0, "id"] }),
    ]);
  });

  it("rejects more than 2000 nodes", () => {
    const nodes = [rawNode("planner", "plan")];
    for (let i = 0; i < 2000; i++) nodes.push(rawNode("executor", `e${i}`, { label: `Executor ${i}` }));
    const graph = rawGraph(nodes, nodes.slice(1).map((node) => rawEdge("plan", node.id)));
    const issue = errorsOf(graph).find((candidate) => candidate.code === "field_too_large");
    expect(issue).toEqual({ code: "field_too_large", message: "The graph has more than 2000 nodes.", path: ["nodes"] });
  });

  it("names options by their title and states the bound", () => {
    const graph = pipeline();
    graph.nodes[1].options = { concurrency: 0, maxToolCalls: 2.5 };
    const errors = errorsOf(graph);
    expect(errors).toEqual([
      {
        code: "invalid_field",
        message: 'Executor "Worker": Concurrency must be at least 1.',
        nodeId: "work",
        path: ["nodes", 1, "options", "concurrency"],
      },
      {
        code: "invalid_field",
        message: 'Executor "Worker": Max tool calls must be a whole number.',
        nodeId: "work",
        path: ["nodes", 1, "options", "maxToolCalls"],
      },
    ]);
  });

  it("reports missing, empty and malformed node fields", () => {
    const graph = pipeline();
    delete graph.nodes[0].position;
    graph.nodes[1].label = "   ";
    graph.nodes[2].id = "final review";
    graph.edges[1].target = "final review";
    const messages = errorsOf(graph).map((issue) => [issue.code, issue.nodeId, issue.message]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ["invalid_field", "plan", 'Planner "Plan research": position is missing.'],
        ["invalid_field", "work", 'Executor "work": label must not be empty.'],
        ["invalid_field", "final review", `Reviewer "Final review": id may contain only letters, digits, '-' and '_'.`],
      ]),
    );
  });

  it("rejects a non-finite position", () => {
    const graph = pipeline();
    graph.nodes[0].position = { x: Number.POSITIVE_INFINITY, y: 0 };
    expect(errorsOf(graph)[0]).toMatchObject({
      code: "invalid_field",
      nodeId: "plan",
      message: 'Planner "Plan research": position.x must be a finite number.',
    });
  });

  it("lists the roles when a node has an unknown one", () => {
    const graph = pipeline();
    graph.nodes.push({ ...rawNode("executor", "odd"), role: "critic" as never });
    const issue = errorsOf(graph)[0];
    expect(issue).toMatchObject({ code: "invalid_field", nodeId: "odd", path: ["nodes", 3, "role"] });
    expect(issue.message).toBe('Node "odd": role must be one of planner, executor, reviewer or approval, not "critic".');
  });

  it("reports a bad edge kind on its edge and a bad setting on the settings", () => {
    const graph = { ...pipeline(), settings: { maxConcurrency: 1000 } };
    graph.edges[0].kind = "loop";
    expect(errorsOf(graph)).toEqual([
      {
        code: "invalid_field",
        message: 'Edge "plan->work": kind must be one of data or revise.',
        edgeId: "plan->work",
        path: ["edges", 0, "kind"],
      },
      {
        code: "invalid_field",
        message: "Graph settings: maxConcurrency must be at most 256.",
        path: ["settings", "maxConcurrency"],
      },
    ]);
  });

  it("refers to a node without an id by its position", () => {
    const graph = pipeline();
    graph.nodes.push({ role: "executor", label: "Anonymous" } as never);
    expect(errorsOf(graph)).toContainEqual(
      expect.objectContaining({ code: "invalid_field", message: "Node #4: id is missing.", path: ["nodes", 3, "id"] }),
    );
  });

  it("rejects input that is not a graph document", () => {
    expect(errorsOf("nodes")).toEqual([
      { code: "invalid_field", message: "The graph document must be a JSON object.", path: [] },
    ]);
    expect(errorsOf({ schemaVersion: 1 })).toEqual([
      { code: "invalid_field", message: "The graph: nodes is missing.", path: ["nodes"] },
      { code: "invalid_field", message: "The graph: edges is missing.", path: ["edges"] },
    ]);
  });

  it("keeps checking graph rules around a broken node without blaming its neighbours", () => {
    const graph = pipeline();
    graph.nodes[1].tier = "ultra";
    graph.nodes[0].tools = ["web_search"];
    const codes = errorsOf(graph).map((issue) => [issue.code, issue.nodeId]);
    // The executor is still an executor: its planner is not reported, and edges to it are not dangling.
    expect(codes).toEqual([
      ["unknown_tier", "work"],
      ["unknown_tool", "plan"],
    ]);
  });
});
