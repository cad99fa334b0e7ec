import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { runGraph, type EngineContext, type RunOutcome } from "@/lib/engine";
import { TEMPLATES, type GraphDocument } from "@/lib/graph";
import { getTool, listTools, READ_FILE_MAX_CHARS, runTool, toOpenAITool, type DocumentReader } from "@/lib/tools";
import { DEFAULT_CATALOG, type ModelCatalog } from "@/lib/models/catalog";
import { createModelClient } from "@/lib/models/client";
import { approxTokenCount, estimateRunCost, type EstimateOptions } from ".";

const exact = (text: string) => countTokens(text, { disallowedSpecial: new Set() });
const TOOLS = listTools();
const SIM: EstimateOptions = { countTokens: exact, tools: TOOLS, simulated: true };

const INPUTS = [
  "Should a mid-sized bakery switch its delivery vans to electric vehicles over the next three years?",
  "Compare the total cost of ownership of heat pumps versus gas boilers for a 120 square metre house in Germany, including installation, maintenance and energy prices.",
  "Summarise the trade-offs of moving our customer support ticket triage from a rules engine to language models.",
];

async function simulate(
  graph: GraphDocument,
  input: string,
  seed: number,
  catalog: ModelCatalog = DEFAULT_CATALOG,
  emit: EngineContext["emit"] = () => {},
  attached?: { documents: DocumentReader; attachments: string },
): Promise<RunOutcome> {
  const ctx: EngineContext = {
    client: createModelClient({ simulator: { speed: 0, seed } }).client,
    catalog,
    tools: {
      definitions: (names) => names.flatMap((name) => (getTool(name) ? [toOpenAITool(getTool(name)!)] : [])),
      run: (name, args, signal) => runTool(name, args, { signal, documents: attached?.documents }),
    },
    emit,
    signal: new AbortController().signal,
    simulated: true,
    attachments: attached?.attachments,
  };
  return runGraph(graph, input, ctx);
}

/** A repository in memory: `n` source files of `lines` lines each, listed the way lib/documents lists them. */
function repository(n: number, lines: number): { documents: DocumentReader; listing: string; readTokens: number } {
  const files = Array.from({ length: n }, (_, i) => {
    const text = Array.from({ length: lines }, (_, l) => `export function handler${i}_${l}(request) { return route(request, "/v${i}/${l}"); }`).join("\n");
    return { path: `src/module-${i}.ts`, text, sizeBytes: text.length, kind: "code", lineCount: lines };
  });
  const documents: DocumentReader = {
    list: async () => files.map(({ text: _, ...info }) => info),
    read: async (path) => files.find((f) => f.path === path) ?? null,
    search: async () => [],
  };
  const listing = `Attached files (${n}; read them with list_files, read_file and search_files):\n${files.map((f) => `- ${f.path} (code, ${f.sizeBytes} bytes)`).join("\n")}`;
  const readTokens = Math.ceil(files.reduce((t, f) => t + Math.min(f.sizeBytes, READ_FILE_MAX_CHARS), 0) / n / 4) + 20;
  return { documents, listing, readTokens };
}

describe("estimateRunCost against simulated runs", () => {
  for (const template of TEMPLATES) {
    it(`lands within ±30% of the simulated cost of "${template.name}", inside its range`, async () => {
      const errors: number[] = [];
      for (const input of INPUTS) {
        const estimate = estimateRunCost(template.graph, input, DEFAULT_CATALOG, SIM);
        for (const seed of [1, 2, 3]) {
          const outcome = await simulate(template.graph, input, seed);
          expect(outcome.status).toBe("succeeded");
          const actual = outcome.totals.costNanoUsd;
          errors.push((estimate.costNanoUsd.expected - actual) / actual);
          expect(actual).toBeGreaterThanOrEqual(estimate.costNanoUsd.low);
          expect(actual).toBeLessThanOrEqual(estimate.costNanoUsd.high);
        }
      }
      const worst = Math.max(...errors.map(Math.abs));
      const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
      console.info(`${template.id}: mean error ${(mean * 100).toFixed(1)}%, worst ${(worst * 100).toFixed(1)}% over ${errors.length} runs`);
      expect(worst).toBeLessThanOrEqual(0.3);
    });
  }

  it("follows [sim:items=N]: a wider plan means more pool instances and a proportionally higher estimate", async () => {
    const graph = TEMPLATES.find((t) => t.id === "codebase-docs")!.graph;
    const input = "Document the billing service. [sim:items=12]";
    const estimate = estimateRunCost(graph, input, DEFAULT_CATALOG, SIM);
    expect(estimate.nodes.find((n) => n.nodeId === "summariser")!.instances.expected).toBe(12);
    const actual = (await simulate(graph, input, 7)).totals.costNanoUsd;
    expect(Math.abs(estimate.costNanoUsd.expected - actual) / actual).toBeLessThanOrEqual(0.3);
  });

  it("counts attached documents: a subtask per file, each reading its file, so bigger files cost more", async () => {
    const graph = TEMPLATES.find((t) => t.id === "codebase-docs")!.graph;
    const input = "Document this repository.";
    const summaries = [];
    const reads = [];
    for (const lines of [10, 80]) {
      const repo = repository(12, lines);
      const documents = { listing: repo.listing, files: 12, readTokens: repo.readTokens };
      const estimate = estimateRunCost(graph, input, DEFAULT_CATALOG, { ...SIM, documents });
      const summariser = estimate.nodes.find((n) => n.nodeId === "summariser")!;
      // Instances count every pass: the high end allows each revision the reviewers may ask for.
      const passes = 1 + estimate.revisions.reduce((n, r) => n + r.passes.high, 0);
      expect(summariser.instances.high).toBe(12 * passes);
      const actual = (await simulate(graph, input, 3, DEFAULT_CATALOG, () => {}, { documents: repo.documents, attachments: repo.listing })).totals.costNanoUsd;
      expect(actual).toBeGreaterThanOrEqual(estimate.costNanoUsd.low);
      expect(actual).toBeLessThanOrEqual(estimate.costNanoUsd.high);
      summaries.push(summariser.inputTokens.expected);
      reads.push(repo.readTokens);
    }
    // Each of the (at least 8 expected) summarisers reads its file once: the input grows with the files' sizes.
    expect(reads[1] - reads[0]).toBeGreaterThan(1_000);
    expect(summaries[1] - summaries[0]).toBeGreaterThanOrEqual(8 * (reads[1] - reads[0]));
  });

  it("prices revision passes the simulator is told to make", async () => {
    const graph = TEMPLATES.find((t) => t.id === "research-review")!.graph;
    const plain = estimateRunCost(graph, INPUTS[0], DEFAULT_CATALOG, SIM);
    const revised = estimateRunCost(graph, `${INPUTS[0]} [sim:revise=1]`, DEFAULT_CATALOG, SIM);
    expect(revised.costNanoUsd.expected).toBeGreaterThan(plain.costNanoUsd.expected * 1.5);
    const actual = (await simulate(graph, `${INPUTS[0]} [sim:revise=1]`, 1)).totals.costNanoUsd;
    expect(Math.abs(revised.costNanoUsd.expected - actual) / actual).toBeLessThanOrEqual(0.3);
  });
});

/** research-review with a second reviewer after the first, which may send the Researcher back too. */
function twoReviewers(): GraphDocument {
  const graph = structuredClone(TEMPLATES.find((t) => t.id === "research-review")!.graph);
  const reviewer = graph.nodes.find((n) => n.id === "reviewer")!;
  graph.nodes.push({ ...structuredClone(reviewer), id: "editor", label: "Editor", instructions: "You edit the reviewed answer for clarity and check its sources once more." });
  graph.nodes.push({ ...structuredClone(graph.nodes.find((n) => n.id === "analyst")!), id: "publisher", label: "Publisher", tools: [] });
  graph.edges.push(
    { id: "reviewer->editor", source: "reviewer", target: "editor", kind: "data" },
    { id: "editor-revises-researcher", source: "editor", target: "researcher", kind: "revise" },
    { id: "editor->publisher", source: "editor", target: "publisher", kind: "data" },
  );
  return graph;
}

const withMaxRevisions = (graph: GraphDocument, maxRevisions: number): GraphDocument => ({
  ...graph,
  nodes: graph.nodes.map((n) => (n.role === "reviewer" ? { ...n, options: { ...n.options, maxRevisions } } : n)),
});

describe("estimateRunCost: revisions", () => {
  const graph = TEMPLATES.find((t) => t.id === "research-review")!.graph;

  it("counts every revision the graph allows in the high end, and none in the low end", () => {
    for (const simulated of [true, false]) {
      const none = estimateRunCost(withMaxRevisions(graph, 0), INPUTS[0], DEFAULT_CATALOG, { ...SIM, simulated });
      const two = estimateRunCost(graph, INPUTS[0], DEFAULT_CATALOG, { ...SIM, simulated });
      expect(two.costNanoUsd.low).toBe(none.costNanoUsd.low);
      expect(two.costNanoUsd.expected).toBe(none.costNanoUsd.expected);
      // The reviewer and the two executors it may send back run up to three times.
      expect(two.costNanoUsd.high).toBeGreaterThan(none.costNanoUsd.high * 2.5);
      expect(two.nodes.find((n) => n.nodeId === "reviewer")!.calls.high).toBe(3);
      expect(two.nodes.find((n) => n.nodeId === "research-planner")!.calls.high).toBe(1);
      expect(two.revisions).toEqual([{ nodeId: "reviewer", label: "Reviewer", maxRevisions: 2, passes: { low: 0, expected: 0, high: 2 } }]);
      expect(none.revisions).toEqual([]);
    }
  });

  it("adds up reviewers that may send the same work back, and runs what follows a reviewer once", () => {
    const estimate = estimateRunCost(twoReviewers(), INPUTS[0], DEFAULT_CATALOG, SIM);
    const passes = (id: string) => estimate.nodes.find((n) => n.nodeId === id)!.calls.high;
    // Researcher: 1 + 2 (Reviewer) + 2 (Editor); the Reviewer is rerun by the Editor as well.
    expect(passes("reviewer")).toBe(5);
    expect(passes("editor")).toBe(3);
    expect(passes("publisher")).toBe(1);
    expect(estimate.revisions.map((r) => r.nodeId)).toEqual(["reviewer", "editor"]);
  });

  it("bounds a simulated run in which every reviewer spends all its revisions", async () => {
    const graph = twoReviewers();
    const input = `${INPUTS[0]} [sim:revise=9]`;
    const completions = new Map<string, number>();
    const outcome = await simulate(graph, input, 3, DEFAULT_CATALOG, (event) => {
      if (event.type === "node.completed" && event.instance === 0) completions.set(event.nodeId, (completions.get(event.nodeId) ?? 0) + 1);
    });
    expect(outcome.status).toBe("succeeded");
    expect(completions.get("reviewer")).toBe(5);
    expect(completions.get("publisher")).toBe(1);

    const pinned = estimateRunCost(graph, input, DEFAULT_CATALOG, SIM);
    expect(pinned.nodes.find((n) => n.nodeId === "reviewer")!.calls).toEqual({ low: 5, expected: 5, high: 5 });
    const actual = outcome.totals.costNanoUsd;
    expect(Math.abs(pinned.costNanoUsd.expected - actual) / actual).toBeLessThanOrEqual(0.3);
    // Without the directive the simulator approves at once, but the high end still covers this run.
    expect(estimateRunCost(graph, INPUTS[0], DEFAULT_CATALOG, SIM).costNanoUsd.high).toBeGreaterThanOrEqual(actual);
  });
});

describe("estimateRunCost", () => {
  const graph = TEMPLATES.find((t) => t.id === "research-review")!.graph;

  it("gives every node a low ≤ expected ≤ high range whose sum is the total", () => {
    const estimate = estimateRunCost(graph, INPUTS[1], DEFAULT_CATALOG, { countTokens: exact, tools: TOOLS });
    expect(estimate.nodes.map((n) => n.nodeId)).toEqual(graph.nodes.map((n) => n.id));
    for (const node of estimate.nodes) {
      expect(node.costNanoUsd!.low).toBeGreaterThan(0);
      expect(node.costNanoUsd!.low).toBeLessThanOrEqual(node.costNanoUsd!.expected);
      expect(node.costNanoUsd!.expected).toBeLessThanOrEqual(node.costNanoUsd!.high);
    }
    const sum = estimate.nodes.reduce((acc, n) => acc + n.costNanoUsd!.expected, 0);
    expect(estimate.costNanoUsd.expected).toBe(sum);
    // A real provider may fan out wider and call tools more often than the simulator: the range says so.
    const simulated = estimateRunCost(graph, INPUTS[1], DEFAULT_CATALOG, SIM);
    expect(estimate.costNanoUsd.high).toBeGreaterThan(simulated.costNanoUsd.high * 1.5);
    expect(estimate.complete).toBe(true);
  });

  it("prices the same tokens on the flagship tier as the baseline", () => {
    const estimate = estimateRunCost(graph, INPUTS[0], DEFAULT_CATALOG, SIM);
    expect(estimate.baselineNanoUsd!.expected).toBeGreaterThan(estimate.costNanoUsd.expected);
    const allFlagship = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, tier: "flagship" as const })) };
    const flagshipRun = estimateRunCost(allFlagship, INPUTS[0], DEFAULT_CATALOG, SIM);
    expect(flagshipRun.costNanoUsd.expected).toBe(flagshipRun.baselineNanoUsd!.expected);
  });

  it("grows with the task's length", () => {
    const short = estimateRunCost(graph, "Electric vans?", DEFAULT_CATALOG, SIM);
    const task = "Should a bakery switch to electric vans? ".repeat(150);
    const long = estimateRunCost(graph, task, DEFAULT_CATALOG, SIM);
    // Every prompt carries the task; long shared prefixes are partly served from the prompt cache.
    for (const node of long.nodes) {
      const before = short.nodes.find((n) => n.nodeId === node.nodeId)!;
      expect(node.inputTokens.expected - before.inputTokens.expected).toBeGreaterThanOrEqual(exact(task) * 0.9);
    }
    expect(long.costNanoUsd.expected).toBeGreaterThan(short.costNanoUsd.expected * 1.3);
  });

  it("shows an unpriced model as unpriced, never $0, and marks the total incomplete", () => {
    const custom = { ...graph, nodes: graph.nodes.map((n) => (n.id === "researcher" ? { ...n, model: "my-local-llama" } : n)) };
    const estimate = estimateRunCost(custom, INPUTS[0], DEFAULT_CATALOG, SIM);
    expect(estimate.nodes.find((n) => n.nodeId === "researcher")!.costNanoUsd).toBeNull();
    expect(estimate.complete).toBe(false);
    expect(estimate.costNanoUsd.expected).toBeGreaterThan(0);
  });

  it("copes with a graph still being drawn (a data cycle) instead of throwing", () => {
    const cyclic = { ...graph, edges: [...graph.edges, { id: "loop", source: "reviewer", target: "research-planner", kind: "data" as const }] };
    const estimate = estimateRunCost(cyclic, INPUTS[0], DEFAULT_CATALOG);
    expect(estimate.nodes).toHaveLength(graph.nodes.length);
    expect(Number.isFinite(estimate.costNanoUsd.high)).toBe(true);
    expect(estimate.costNanoUsd.expected).toBeGreaterThan(0);
  });

  it("approximates token counts within 12% of the o200k tokenizer", () => {
    for (const template of TEMPLATES) {
      for (const node of template.graph.nodes) {
        const ratio = approxTokenCount(node.instructions) / exact(node.instructions);
        expect(ratio).toBeGreaterThan(0.88);
        expect(ratio).toBeLessThan(1.12);
      }
      const approx = estimateRunCost(template.graph, INPUTS[1], DEFAULT_CATALOG, { ...SIM, countTokens: undefined });
      const real = estimateRunCost(template.graph, INPUTS[1], DEFAULT_CATALOG, SIM);
      expect(Math.abs(approx.costNanoUsd.expected / real.costNanoUsd.expected - 1)).toBeLessThan(0.12);
    }
  });
});
