import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { getRoleDefinition, ROLES } from "@/lib/graph";
import { DEFAULT_CATALOG, REASONING_SHARE, type ModelCatalog } from "@/lib/models/catalog";
import { listTools } from "@/lib/tools";
import { fixtureGraph, ofType, rawEdge, rawNode, runFixture } from "../test-harness";
import { estimateRunCost, ROLE_ESTIMATORS, type EstimateOptions } from ".";

const exact = (text: string) => countTokens(text, { disallowedSpecial: new Set() });
const SIM: EstimateOptions = { countTokens: exact, tools: listTools(), simulated: true };
const TASK = "Compare heat pumps and gas boilers for a 120 square metre house in Germany.";

const inputTokensOf = (events: Awaited<ReturnType<typeof runFixture>>["events"], nodeId: string) =>
  ofType(events, "node.usage")
    .filter((e) => e.nodeId === nodeId)
    .reduce((n, e) => n + e.usage.inputTokens, 0);

const planned = (planner: Record<string, unknown> = {}, executor: Record<string, unknown> = {}) =>
  fixtureGraph(
    [rawNode("planner", "plan", { label: "Planner", ...planner }), rawNode("executor", "work", { label: "Worker", tools: [], ...executor }), rawNode("reviewer", "review", { label: "Reviewer" })],
    [rawEdge("plan", "work"), rawEdge("work", "review")],
  );

describe("per-role estimators", () => {
  it("has one estimator per role", () => {
    expect(Object.keys(ROLE_ESTIMATORS).sort()).toEqual([...ROLES].sort());
  });

  it("counts exactly the prompt the engine sends a single executor and a planner (the same builders, the same tokenizer)", async () => {
    const single = fixtureGraph([rawNode("executor", "work", { label: "Worker", tier: "nano", tools: [], instructions: "You write concise, sourced answers." })]);
    const { events } = await runFixture(single, TASK);
    expect(estimateRunCost(single, TASK, DEFAULT_CATALOG, SIM).nodes[0].inputTokens.expected).toBe(inputTokensOf(events, "work"));

    // A planner's prompt depends only on the task, its instructions and the executors it routes to: all known before the run.
    const graph = planned({ instructions: "Plan the comparison in a few independent steps." });
    const run = await runFixture(graph, TASK);
    const planner = estimateRunCost(graph, TASK, DEFAULT_CATALOG, SIM).nodes.find((n) => n.nodeId === "plan")!;
    expect(planner.inputTokens.expected).toBe(inputTokensOf(run.events, "plan"));
  });

  it("counts a node's own instructions as its system prompt, in place of its role's default", () => {
    const base = estimateRunCost(planned(), TASK, DEFAULT_CATALOG, SIM).nodes.find((n) => n.nodeId === "plan")!;
    const longer = "Plan carefully, one independent step per subtask. ".repeat(20).trim();
    const instructed = estimateRunCost(planned({ instructions: longer }), TASK, DEFAULT_CATALOG, SIM).nodes.find((n) => n.nodeId === "plan")!;
    expect(instructed.inputTokens.expected - base.inputTokens.expected).toBe(exact(longer) - exact(getRoleDefinition("planner").defaultInstructions));
  });

  it("fans a planner out up to its own maxSubtasks, not a fixed cap", () => {
    for (const maxSubtasks of [2, 9]) {
      const estimate = estimateRunCost(planned({ options: { maxSubtasks } }), TASK, DEFAULT_CATALOG, { countTokens: exact });
      const pool = estimate.nodes.find((n) => n.nodeId === "work")!;
      expect(pool.instances.high).toBe(maxSubtasks);
      expect(pool.instances.low).toBeLessThanOrEqual(maxSubtasks);
    }
  });

  it("allows an executor every tool round its maxToolCalls permits in the high end", () => {
    for (const maxToolCalls of [0, 3, 8]) {
      const graph = fixtureGraph([rawNode("executor", "work", { tools: ["calculator"], options: { maxToolCalls } })]);
      const node = estimateRunCost(graph, TASK, DEFAULT_CATALOG, { countTokens: exact, tools: listTools() }).nodes[0];
      expect(node.calls.high).toBe(1 + maxToolCalls);
      expect(node.calls.low).toBe(maxToolCalls > 0 ? 2 : 1);
    }
  });

  it("counts hidden reasoning for every tier whose model reasons", () => {
    const graph = fixtureGraph([rawNode("executor", "work", { tier: "nano", tools: [] })]);
    const noReasoning: ModelCatalog = structuredClone(DEFAULT_CATALOG);
    for (const info of Object.values(noReasoning.models)) info.reasoning = false;
    for (const tier of ["nano", "mini", "flagship"] as const) {
      const g = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, tier })) };
      const reasoning = estimateRunCost(g, TASK, DEFAULT_CATALOG, { countTokens: exact }).nodes[0].outputTokens;
      const plain = estimateRunCost(g, TASK, noReasoning, { countTokens: exact }).nodes[0].outputTokens;
      expect(reasoning.expected / plain.expected).toBeCloseTo(1 + REASONING_SHARE.expected, 2);
      expect(reasoning.high / plain.high).toBeCloseTo(1 + REASONING_SHARE.high, 2);
    }
  });

  it("prices a reviewer's revision pass with the feedback and previous work it rereads", () => {
    const graph = fixtureGraph(
      [rawNode("executor", "draft", { tools: [] }), rawNode("reviewer", "review", { options: { maxRevisions: 1 } })],
      [rawEdge("draft", "review"), rawEdge("review", "draft", { kind: "revise" })],
    );
    const estimate = estimateRunCost(graph, `${TASK} [sim:revise=1]`, DEFAULT_CATALOG, SIM);
    const draft = estimate.nodes.find((n) => n.nodeId === "draft")!;
    const once = estimateRunCost(graph, TASK, DEFAULT_CATALOG, SIM).nodes.find((n) => n.nodeId === "draft")!;
    expect(draft.instances.expected).toBe(2);
    // The second pass reads the first one's output and the feedback on top of the same prompt.
    expect(draft.inputTokens.expected).toBeGreaterThan(2 * once.inputTokens.expected);
  });
});
