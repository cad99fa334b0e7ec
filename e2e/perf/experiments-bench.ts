/**
 * Cost per successful outcome, per template, on the simulator (issue 15). For each template: a
 * 50-case dataset (seeded difficulties 0.1–0.9, an expected answer per case, "contains" grader),
 * then "All flagship", "As designed" and the tier advisor's pick. Every figure is SIMULATED: the
 * simulator's quality model (lib/models/simulator/quality.ts) decides right and wrong answers.
 * Then the pre-run estimate's mean absolute error on the graph's latest runs, each held out and
 * estimated from the runs before it: calibrated on that history, and on the priors alone.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATABASE_URL = `file:${path.join(mkdtempSync(path.join(tmpdir(), "tierflow-bench-")), "bench.db")}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";
delete process.env.OPENAI_API_KEY;

const { ensureDatabase, db, DEFAULT_WORKSPACE_SLUG } = await import("@/lib/db");
const { TEMPLATES } = await import("@/lib/graph");
const { formatUsd } = await import("@/lib/models");
const { createDataset } = await import("@/lib/evals/datasets");
const { experimentFinished, getExperiment, startExperiment } = await import("@/lib/evals/experiments");
const { startAdvisor } = await import("@/lib/evals/advisor");
const { estimateRunCost } = await import("@/lib/engine/estimate");
const { loadEstimateHistory, workspaceToolDefinitions } = await import("@/lib/runs");
const { workspaceModels } = await import("@/lib/workspaces/provider");
const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
type VariantResult = import("@/lib/evals/results").VariantResult;

const CASES = 50;
await ensureDatabase();
const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;

// A fixed spread of difficulties (golden-ratio sequence): the same dataset on every run of the bench.
const cases = Array.from({ length: CASES }, (_, i) => ({
  input: `Case ${i + 1}: handle request #${i + 1} about the billing module.`,
  expected: `answer-${i + 1}`,
  difficulty: Number((0.1 + 0.8 * ((i * 0.6180339887) % 1)).toFixed(2)),
}));
const dataset = await createDataset(workspaceId, { name: "Bench cases", grader: { kind: "contains", caseSensitive: false }, cases });

const row = (r: VariantResult) => ({
  success: `${Math.round((r.successRate ?? 0) * 100)}% (${r.successes}/${r.graded})`,
  costPerSuccess: formatUsd(r.costPerSuccessNanoUsd === null ? null : Math.round(r.costPerSuccessNanoUsd)),
});

const table: Record<string, string>[] = [];
const accuracyTable: Record<string, string>[] = [];
const pct = (fraction: number) => `±${(fraction * 100).toFixed(1)}%`;
for (const template of TEMPLATES) {
  const graph = await db.graph.create({ data: { workspaceId, name: template.name, document: template.graph as object } });
  const settings = { graphId: graph.id, datasetId: dataset.id, concurrency: 8, simulation: { speed: 0 } };
  const started = Date.now();
  const flagship = await startExperiment(workspaceId, { ...settings, variants: [{ name: "All flagship", tiers: Object.fromEntries(template.graph.nodes.map((n) => [n.id, "flagship" as const])) }] });
  await experimentFinished(flagship.id);
  const advisor = await startAdvisor(workspaceId, settings);
  await experimentFinished(advisor.id);
  const [f, a] = [await getExperiment(workspaceId, flagship.id), await getExperiment(workspaceId, advisor.id)];
  if (f.status !== "succeeded" || a.status !== "succeeded" || !a.proposal) throw new Error(`${template.name}: the experiments did not finish (${f.status}, ${a.status}).`);
  const pick = a.results[a.proposal.variant];
  const labels = Object.fromEntries(template.graph.nodes.map((n) => [n.id, n.label]));
  table.push({
    template: template.name,
    "all flagship": `${row(f.results[0]).success}, ${row(f.results[0]).costPerSuccess}/success`,
    "as designed": `${row(a.results[0]).success}, ${row(a.results[0]).costPerSuccess}/success`,
    "advisor pick": `${row(pick).success}, ${row(pick).costPerSuccess}/success`,
    "pick's changes": Object.entries(pick.tiers).map(([id, tier]) => `${labels[id] ?? id} → ${tier}`).join(", ") || "(none)",
    "variants tried": String(a.variants.length),
    seconds: ((Date.now() - started) / 1000).toFixed(1),
  });

  // The estimate as the launcher would show it before the next case, on this graph's own history (every variant's runs).
  const { catalog } = await workspaceModels(workspaceId);
  const history = await loadEstimateHistory(workspaceId, graph.id, { simulated: true });
  const estimate = estimateRunCost(template.graph, cases[0].input, catalog, {
    countTokens: (text) => (text ? countTokens(text, { disallowedSpecial: new Set() }) : 0),
    tools: await workspaceToolDefinitions(workspaceId, template.graph.nodes.flatMap((n) => n.tools)),
    simulated: true,
    history,
  });
  if (!estimate.accuracy) throw new Error(`${template.name}: no held-out runs to measure the estimate on.`);
  accuracyTable.push({
    template: template.name,
    "held-out runs": String(estimate.accuracy.runs),
    "calibrated on (runs)": String(estimate.historyRuns),
    "mean error, calibrated": pct(estimate.accuracy.meanAbsPercentError),
    "mean error, priors": pct(estimate.accuracy.priorsMeanAbsPercentError),
  });
}

console.log(`\nCost per successful outcome, ${CASES} cases per variant — SIMULATED (quality model: lib/models/simulator/quality.ts)\n`);
console.table(table);
console.log("\nPre-run estimate against held-out runs (each estimated from the runs before it) — SIMULATED\n");
console.table(accuracyTable);
process.exit(0);
