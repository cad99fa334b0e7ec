import { describe, expect, it } from "vitest";
import { TEMPLATES, type GraphDocument } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models/catalog";
import { meanAbsolutePercentError, percentile, percentileRange } from "@/lib/models/estimate";
import { measureAccuracy, restatedOutput } from "./calibration";
import { estimateRunCost, type PastRun, type RunEstimate } from ".";

const research = TEMPLATES.find((t) => t.id === "research-review")!.graph;
const TASK = "Should a mid-sized bakery switch its delivery vans to electric vehicles over the next three years?";

/** A past run whose every node used `factor` × what the priors expect (reasoning a fifth of the output, as the catalog's models reason). */
function pastRun(graph: GraphDocument, priors: RunEstimate, i: number, factor: number, input = TASK): PastRun {
  return {
    runId: `run-${i}`,
    input,
    nodes: graph.nodes.map((node) => {
      const prior = priors.nodes.find((n) => n.nodeId === node.id)!;
      const output = Math.round(prior.outputTokens.expected * factor);
      return {
        nodeId: node.id,
        role: node.role,
        model: prior.model,
        instances: Math.max(1, Math.round(prior.instances.expected)),
        calls: Math.round(prior.calls.expected),
        usage: {
          inputTokens: Math.round(prior.inputTokens.expected * factor),
          cachedInputTokens: Math.round(prior.cachedInputTokens.expected * factor),
          outputTokens: output,
          reasoningTokens: Math.round(output * 0.2),
        },
      };
    }),
  };
}

/** Eleven past runs that each used about 3× the priors' tokens (2.7×…3.3×). */
function tripleHistory(graph: GraphDocument) {
  const priors = estimateRunCost(graph, TASK, DEFAULT_CATALOG);
  const factors = [3.0, 2.7, 3.3, 2.9, 3.1, 2.8, 3.2, 3.0, 2.9, 3.1, 3.05];
  return { priors, history: factors.map((f, i) => pastRun(graph, priors, i, f)) };
}

describe("estimates calibrated on history", () => {
  it("lands near a held-out run that used 3× the priors' tokens, where the priors miss by two thirds", () => {
    const { priors, history } = tripleHistory(research);
    const heldOut = history.at(-1)!;
    const actual = estimateRunCost(research, TASK, DEFAULT_CATALOG, { history: [heldOut] }).costNanoUsd.expected;
    const calibrated = estimateRunCost(research, TASK, DEFAULT_CATALOG, { history: history.slice(0, -1) });
    expect(Math.abs(calibrated.costNanoUsd.expected - actual) / actual).toBeLessThan(0.05);
    expect(Math.abs(priors.costNanoUsd.expected - actual) / actual).toBeGreaterThan(0.6);
    expect(calibrated.historyRuns).toBe(10);
    for (const node of calibrated.nodes) expect(node.basis).toEqual({ kind: "history", runs: 10 });
    for (const node of priors.nodes) expect(node.basis).toEqual({ kind: "priors" });
  });

  it("measures its error on held-out past runs: small once calibrated, large on priors alone", () => {
    const { history } = tripleHistory(research);
    const { accuracy } = estimateRunCost(research, TASK, DEFAULT_CATALOG, { history });
    expect(accuracy).not.toBeNull();
    expect(accuracy!.runs).toBe(10);
    expect(accuracy!.meanAbsPercentError).toBeLessThan(0.1);
    // Priors expect a third of what these runs used: off by about two thirds.
    expect(accuracy!.priorsMeanAbsPercentError).toBeGreaterThan(0.6);
    expect(accuracy!.priorsMeanAbsPercentError).toBeLessThan(0.7);
  });

  it("scales what past runs used to this run's task: a task that makes for bigger prompts gets a bigger calibrated estimate", () => {
    const { history } = tripleHistory(research);
    const long = `${TASK} Consider battery range in winter, charging at the depot overnight, grid connection upgrades, resale values, drivers' training and the city's low-emission zone rules. `.repeat(6);
    const priorsLong = estimateRunCost(research, long, DEFAULT_CATALOG);
    const calibrated = estimateRunCost(research, long, DEFAULT_CATALOG, { history });
    const short = estimateRunCost(research, TASK, DEFAULT_CATALOG, { history });
    for (const node of calibrated.nodes) {
      const prior = priorsLong.nodes.find((n) => n.nodeId === node.nodeId)!;
      // About 3× the priors for this task, not the short task's past figures as they were.
      expect(node.inputTokens.expected / prior.inputTokens.expected).toBeGreaterThan(2.8);
      expect(node.inputTokens.expected / prior.inputTokens.expected).toBeLessThan(3.2);
    }
    expect(calibrated.costNanoUsd.expected).toBeGreaterThan(short.costNanoUsd.expected * 1.2);
  });

  it("reads p10 / p50 / p90 of the node's past runs as its range", () => {
    const { priors, history } = tripleHistory(research);
    const estimate = estimateRunCost(research, TASK, DEFAULT_CATALOG, { history });
    const researcher = estimate.nodes.find((n) => n.nodeId === "researcher")!;
    const inputs = history.slice(-20).map((run) => run.nodes.find((n) => n.nodeId === "researcher")!.usage.inputTokens);
    expect(researcher.inputTokens).toEqual({ low: Math.round(percentile(inputs, 0.1)), expected: Math.round(percentile(inputs, 0.5)), high: Math.round(percentile(inputs, 0.9)) });
    expect(researcher.inputTokens.expected / priors.nodes.find((n) => n.nodeId === "researcher")!.inputTokens.expected).toBeCloseTo(3, 0);
    expect(researcher.calls.expected).toBe(history[0].nodes.find((n) => n.nodeId === "researcher")!.calls);
  });

  it("uses only past runs of the same node in the same role, and priors for a node with none", () => {
    const { history } = tripleHistory(research);
    const renamed = history.map((run) => ({ ...run, nodes: run.nodes.map((n) => (n.nodeId === "reviewer" ? { ...n, role: "executor" } : n)) }));
    const withoutAnalyst = renamed.map((run) => ({ ...run, nodes: run.nodes.filter((n) => n.nodeId !== "analyst") }));
    const estimate = estimateRunCost(research, TASK, DEFAULT_CATALOG, { history: withoutAnalyst });
    const basis = Object.fromEntries(estimate.nodes.map((n) => [n.nodeId, n.basis.kind]));
    expect(basis).toMatchObject({ reviewer: "priors", analyst: "priors", researcher: "history" });
  });

  it("needs two past runs to measure its error, and has none without history", () => {
    const { history } = tripleHistory(research);
    expect(estimateRunCost(research, TASK, DEFAULT_CATALOG).accuracy).toBeNull();
    expect(estimateRunCost(research, TASK, DEFAULT_CATALOG, { history: history.slice(0, 1) }).accuracy).toBeNull();
    expect(estimateRunCost(research, TASK, DEFAULT_CATALOG, { history: history.slice(0, 2) }).accuracy?.runs).toBe(1);
  });

  it("widens a range drawn from a single run to the priors' relative spread", () => {
    const { priors, history } = tripleHistory(research);
    const one = estimateRunCost(research, TASK, DEFAULT_CATALOG, { history: history.slice(0, 1) });
    const node = one.nodes.find((n) => n.nodeId === "researcher")!;
    const prior = priors.nodes.find((n) => n.nodeId === "researcher")!;
    expect(node.inputTokens.low).toBeLessThan(node.inputTokens.expected);
    expect(node.inputTokens.high / node.inputTokens.expected).toBeCloseTo(prior.inputTokens.high / prior.inputTokens.expected, 1);
  });
});

describe("calibration math", () => {
  it("interpolates percentiles between order statistics", () => {
    expect(percentile([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(percentile([10, 20, 30, 40, 50], 0.1)).toBe(14);
    expect(percentileRange([5])).toEqual({ low: 5, expected: 5, high: 5 });
    expect(percentile([], 0.5)).toBeNaN();
  });

  it("measures the mean absolute percentage error, skipping actual figures of zero", () => {
    expect(meanAbsolutePercentError([{ predicted: 110, actual: 100 }, { predicted: 50, actual: 100 }, { predicted: 3, actual: 0 }])).toBeCloseTo(0.3);
    expect(meanAbsolutePercentError([])).toBeNull();
  });

  it("holds out each of the latest runs in turn, predicting it from the runs before it only", () => {
    const runs: PastRun[] = [1, 2, 3].map((cost) => ({ runId: `r${cost}`, input: String(cost), nodes: [] }));
    const seen: string[][] = [];
    const accuracy = measureAccuracy(
      runs,
      (run, before) => {
        if (before.length > 0) seen.push(before.map((r) => r.runId));
        // The mean of the runs before it; priors always say 1.
        return before.length ? before.reduce((n, r) => n + Number(r.input), 0) / before.length : 1;
      },
      (run) => Number(run.input),
    );
    expect(seen).toEqual([["r1"], ["r1", "r2"]]);
    // Held out r2 (predicted 1, off 50%) and r3 (predicted 1.5, off 50%); priors: 50% and 66.7%.
    expect(accuracy).toEqual({ runs: 2, meanAbsPercentError: 0.5, priorsMeanAbsPercentError: expect.closeTo((0.5 + 2 / 3) / 2, 6) });
  });

  it("restates past output for the node's current model: reasoning kept, added or dropped", () => {
    const usage = { inputTokens: 1000, cachedInputTokens: 0, outputTokens: 300, reasoningTokens: 100 };
    expect(restatedOutput(usage, true)).toBe(300);
    expect(restatedOutput(usage, false)).toBe(200);
    expect(restatedOutput({ ...usage, outputTokens: 200, reasoningTokens: 0 }, true)).toBeCloseTo(200 * 1.225);
  });
});
