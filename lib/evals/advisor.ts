import { db } from "@/lib/db";
import { TIERS, type GraphDocument, type Tier } from "@/lib/graph";
import { getGraph } from "@/lib/graphs/service";
import { formatUsd } from "@/lib/models";
import { addVariantCases, launch, prepareExecution, runCases, type Execution, type StartAdvisorBody } from "./experiments";
import { summarize, type CaseOutcome, type VariantResult } from "./results";
import { significantlyWorse } from "./stats";
import { AS_DESIGNED, tierBelow, type Variant } from "./variants";

/** What trying one variant on the dataset showed. */
export interface Trial {
  successes: number;
  graded: number;
  meanCostNanoUsd: number;
}

const costPerSuccess = (t: Trial) => (t.successes === 0 ? Infinity : (t.meanCostNanoUsd * t.graded) / t.successes);

export interface SearchStep {
  variant: Variant;
  trial: Trial;
  kept: boolean;
}

/**
 * The advisor's search: from the design, try each node one tier down (flagship nodes first),
 * keep the change when the success rate is not significantly worse than the design's (one-sided
 * two-proportion test at 95%), and try that node lower again; otherwise put it back. The pick is
 * the kept assignment with the lowest cost per successful outcome: a cheaper tier that fails
 * more often can cost more per success, and then the pick stays on the dearer one.
 */
export async function searchTiers(graph: GraphDocument, evaluate: (variant: Variant) => Promise<Trial>): Promise<{ steps: SearchStep[]; best: number }> {
  const design: Variant = { name: AS_DESIGNED, tiers: {} };
  const base = await evaluate(design);
  const steps: SearchStep[] = [{ variant: design, trial: base, kept: true }];
  let best = 0;
  let current: Record<string, Tier> = {};
  const order = [...graph.nodes].sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
  for (const node of order) {
    let below = tierBelow(current[node.id] ?? node.tier);
    while (below) {
      const tiers = { ...current, [node.id]: below };
      const variant: Variant = { name: Object.entries(tiers).map(([id, tier]) => `${graph.nodes.find((n) => n.id === id)?.label ?? id} → ${tier}`).join(", "), tiers };
      const trial = await evaluate(variant);
      const kept = trial.graded > 0 && !significantlyWorse(base.successes, base.graded, trial.successes, trial.graded);
      steps.push({ variant, trial, kept });
      if (!kept) break;
      current = tiers;
      if (costPerSuccess(trial) < costPerSuccess(steps[best].trial)) best = steps.length - 1;
      below = tierBelow(below);
    }
  }
  return { steps, best };
}

function evidence(results: readonly VariantResult[], best: number): string {
  const design = results[0];
  const pick = results[best];
  const rate = (r: VariantResult) => `${r.successes}/${r.graded} (${Math.round((r.successRate ?? 0) * 100)}%)`;
  if (best === 0) return `No cheaper assignment held: every step down was significantly worse than the design's ${rate(design)}, or cost more per successful outcome.`;
  return (
    `${pick.name}: ${rate(pick)} succeeded against the design's ${rate(design)}, not significantly worse (one-sided two-proportion test, 95%). ` +
    `Cost per successful outcome ${formatUsd(pick.costPerSuccessNanoUsd)} instead of ${formatUsd(design.costPerSuccessNanoUsd)}.`
  );
}

async function outcomes(experimentId: string): Promise<CaseOutcome[]> {
  return db.experimentCase.findMany({ where: { experimentId }, select: { variant: true, status: true, passed: true, costNanoUsd: true, graderNanoUsd: true, latencyMs: true } });
}

/** Starts the tier advisor as an experiment whose variants are added as its search goes; its proposal is stored at the end. */
export async function startAdvisor(workspaceId: string, body: StartAdvisorBody): Promise<{ id: string; status: string }> {
  const { execution, cases, graphName, graderJson } = await prepareExecution(workspaceId, body);
  const graph = (await getGraph(workspaceId, body.graphId)).graph;
  const experiment = await db.experiment.create({
    data: {
      workspaceId,
      graphId: body.graphId,
      datasetId: body.datasetId,
      name: `Tier advisor: ${graphName}`.slice(0, 120),
      mode: "advisor",
      status: "running",
      variants: [],
      grader: graderJson as object,
      concurrency: body.concurrency,
      budgetNanoUsd: execution.budgetNanoUsd,
      simulated: execution.simulated,
    },
  });
  const running: Execution = { ...execution, experimentId: experiment.id };
  const variants: Variant[] = [];
  launch(running, async () => {
    const { best } = await searchTiers(graph, async (variant) => {
      variants.push(variant);
      const index = variants.length - 1;
      await db.experiment.update({ where: { id: experiment.id }, data: { variants } });
      await runCases(running, variants, await addVariantCases(experiment.id, index, cases));
      const row = summarize(variants, await outcomes(experiment.id))[index];
      return { successes: row.successes, graded: row.graded, meanCostNanoUsd: row.meanCostNanoUsd ?? 0 };
    });
    const results = summarize(variants, await outcomes(experiment.id));
    await db.experiment.update({ where: { id: experiment.id }, data: { proposal: { variant: best, evidence: evidence(results, best) } } });
  });
  return { id: experiment.id, status: experiment.status };
}
