import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { rawEdge, rawGraph, rawNode } from "@/lib/graph/testing";
import { startAdvisor } from "./advisor";
import { createDataset } from "./datasets";
import { experimentFinished, getExperiment, startExperiment } from "./experiments";
import type { Variant } from "./variants";

let workspaceId: string;
let graphId: string;
let datasetId: string;

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  // A light classification step feeding a hard synthesis step, both designed on flagship.
  const graph = rawGraph(
    [
      rawNode("executor", "classify", { label: "Classifier", tier: "flagship", instructions: "Classify the request into one category." }),
      rawNode("executor", "write", { label: "Writer", tier: "flagship", instructions: "Write a complete, well-argued answer from the category and the request." }),
    ],
    [rawEdge("classify", "write")],
  );
  graphId = (await db.graph.create({ data: { workspaceId, name: "Classify then write", document: graph as object } })).id;
  const cases = Array.from({ length: 40 }, (_, i) => ({ input: `Request ${i}: what should we do about item ${i}?`, expected: `resolution-${i}`, difficulty: 0.9 }));
  datasetId = (await createDataset(workspaceId, { name: "Hard requests", grader: { kind: "contains", caseSensitive: false }, cases })).id;
});

describe("an experiment", () => {
  it("runs every case of every variant as an ordinary run and grades it with a reason", async () => {
    const variants: Variant[] = [
      { name: "All flagship", tiers: { classify: "flagship", write: "flagship" } },
      { name: "Writer → nano", tiers: { write: "nano" } },
    ];
    const { id } = await startExperiment(workspaceId, { graphId, datasetId, variants, concurrency: 4, simulation: { speed: 0 } });
    await experimentFinished(id);
    const e = await getExperiment(workspaceId, id);
    expect(e.status).toBe("succeeded");
    expect(e.simulated).toBe(true);
    expect(e.cases).toHaveLength(80);
    expect(e.cases.every((c) => c.status === "graded" && c.runId && c.reason)).toBe(true);
    const [flagship, nano] = e.results;
    // The simulator's quality model: a hard synthesis step on nano fails far more often, and each run costs less.
    expect(flagship.successRate!).toBeGreaterThan(0.8);
    expect(nano.successRate!).toBeLessThan(flagship.successRate! - 0.3);
    expect(nano.meanCostNanoUsd!).toBeLessThan(flagship.meanCostNanoUsd!);
    expect(flagship.interval!.low).toBeLessThan(flagship.successRate!);
    expect(flagship.savingVsFlagship).toBe(0);
    const run = await db.run.findUniqueOrThrow({ where: { id: e.cases[0].runId! } });
    expect(run.graphId).toBe(graphId);
  }, 60_000);

  it("stops at its budget and skips the cases left", async () => {
    const { id } = await startExperiment(workspaceId, { graphId, datasetId, variants: [{ name: "As designed", tiers: {} }], concurrency: 1, budgetUsd: 0.000001, simulation: { speed: 0 } });
    await experimentFinished(id);
    const e = await getExperiment(workspaceId, id);
    expect(e.status).toBe("budget_exceeded");
    expect(e.cases.filter((c) => c.status === "graded")).toHaveLength(1);
    expect(e.cases.filter((c) => c.status === "skipped")).toHaveLength(39);
  }, 30_000);
});

describe("the tier advisor", () => {
  it("moves the classifier to nano, keeps the writer on flagship, and says why", async () => {
    const { id } = await startAdvisor(workspaceId, { graphId, datasetId, concurrency: 4, simulation: { speed: 0 } });
    await experimentFinished(id);
    const e = await getExperiment(workspaceId, id);
    expect(e.mode).toBe("advisor");
    expect(e.proposal).not.toBeNull();
    const pick = e.variants[e.proposal!.variant];
    expect(pick.tiers).toEqual({ classify: "nano" });
    // The writer was tried one tier down and rejected.
    expect(e.variants.some((v) => v.tiers.write === "mini")).toBe(true);
    expect(e.proposal!.evidence).toMatch(/not significantly worse/);
    const design = e.results[0];
    const chosen = e.results[e.proposal!.variant];
    expect(chosen.costPerSuccessNanoUsd!).toBeLessThan(design.costPerSuccessNanoUsd!);
  }, 120_000);
});
