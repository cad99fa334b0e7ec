import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getGraph } from "@/lib/graphs/service";
import { createModelClient, NANO_PER_USD, simSpeedFromEnv } from "@/lib/models";
import { caseDirective } from "@/lib/models/simulator/quality";
import { hashString } from "@/lib/models/simulator/random";
import { SIM_SPEED } from "@/lib/models/simulator/speed";
import { runFinished, startRun } from "@/lib/runs";
import { workspaceProvider } from "@/lib/workspaces/provider";
import { grade, graderSchema, type Grader, type JudgeContext } from "./graders";
import { summarize, type VariantResult } from "./results";
import { applyVariant, variantSchema, type Variant } from "./variants";

export const MAX_VARIANTS = 12;

const runSettings = {
  grader: graderSchema.optional().meta({ description: "Overrides the dataset's grader." }),
  concurrency: z.number().int().min(1).max(16).default(4).meta({ description: "Cases running at once." }),
  budgetUsd: z.number().positive().max(10_000).optional().meta({ description: "Overall budget: graph and judge costs together. Cases left when it is spent are skipped." }),
  simulation: z.object({ speed: z.number().min(SIM_SPEED.instant).max(SIM_SPEED.fastest).optional() }).optional(),
};

/** `POST /api/v1/experiments`. */
export const startExperimentBody = z.object({
  graphId: z.string().min(1),
  datasetId: z.string().min(1),
  name: z.string().trim().min(1).max(120).optional(),
  variants: z.array(variantSchema).min(1).max(MAX_VARIANTS),
  ...runSettings,
});
export type StartExperimentBody = z.infer<typeof startExperimentBody>;

/** `POST /api/v1/experiments/advisor`: the tier advisor's search (lib/evals/advisor.ts). */
export const startAdvisorBody = z.object({ graphId: z.string().min(1), datasetId: z.string().min(1), ...runSettings });
export type StartAdvisorBody = z.infer<typeof startAdvisorBody>;

export interface ExperimentCaseView {
  id: string;
  variant: number;
  caseId: string;
  position: number;
  input: string;
  runId: string | null;
  status: string;
  passed: boolean | null;
  reason: string | null;
  costNanoUsd: number;
  graderNanoUsd: number;
  latencyMs: number;
}

export interface ExperimentDetail {
  id: string;
  name: string;
  mode: "compare" | "advisor";
  status: string;
  graphId: string | null;
  datasetId: string | null;
  simulated: boolean;
  grader: Grader;
  concurrency: number;
  budgetNanoUsd: number | null;
  createdAt: string;
  endedAt: string | null;
  variants: Variant[];
  results: VariantResult[];
  cases: ExperimentCaseView[];
  /** The advisor's proposal: the cheapest variant that was not significantly worse than the design. */
  proposal: { variant: number; evidence: string } | null;
}

/** What one experiment in this process is doing; `spent` counts graph and judge costs against the budget. */
export interface Execution {
  experimentId: string;
  workspaceId: string;
  graphId: string;
  grader: Grader;
  concurrency: number;
  budgetNanoUsd: number | null;
  spentNanoUsd: number;
  simulated: boolean;
  speed: number;
  judge?: JudgeContext;
}

const active = (globalThis as unknown as { tierflowExperiments?: Map<string, Promise<void>> }).tierflowExperiments ??= new Map();

/** Resolves when an experiment running in this process has ended. */
export async function experimentFinished(experimentId: string): Promise<void> {
  await active.get(experimentId);
}

/** Checks the graph and dataset belong to the workspace and prepares the execution state. */
export async function prepareExecution(
  workspaceId: string,
  body: StartAdvisorBody,
): Promise<{ execution: Omit<Execution, "experimentId">; cases: { id: string; position: number; input: string; expected: string | null; difficulty: number }[]; graphName: string; graderJson: Grader }> {
  const graph = await getGraph(workspaceId, body.graphId);
  const dataset = await db.dataset.findFirst({ where: { id: body.datasetId, workspaceId }, include: { cases: { orderBy: { position: "asc" } } } });
  if (!dataset) throw AppError.notFound("Dataset");
  if (dataset.cases.length === 0) throw new AppError("unprocessable", "The dataset has no cases yet.");
  const grader = body.grader ?? graderSchema.parse(dataset.grader);
  const { provider, catalog, simulated } = await workspaceProvider(workspaceId);
  const speed = body.simulation?.speed ?? simSpeedFromEnv();
  const judge = grader.kind === "rubric" ? { client: createModelClient({ ...provider, simulator: { speed, seed: 1 } }).client, catalog } : undefined;
  return {
    execution: {
      workspaceId,
      graphId: graph.id,
      grader,
      concurrency: body.concurrency,
      budgetNanoUsd: body.budgetUsd === undefined ? null : Math.round(body.budgetUsd * NANO_PER_USD),
      spentNanoUsd: 0,
      simulated,
      speed,
      judge,
    },
    cases: dataset.cases,
    graphName: graph.name,
    graderJson: grader,
  };
}

type CaseRow = { id: string; input: string; expected: string | null; difficulty: number };

/** Runs one case of one variant as an ordinary run, grades it and stores the grade with its reason. */
async function runCase(execution: Execution, variant: Variant, rowId: string, c: CaseRow): Promise<void> {
  if (execution.budgetNanoUsd !== null && execution.spentNanoUsd >= execution.budgetNanoUsd) {
    await db.experimentCase.update({ where: { id: rowId }, data: { status: "skipped", reason: "The experiment's budget was spent." } });
    return;
  }
  // Simulator-only: real providers never see the case's expectation.
  const directive = execution.simulated && c.expected ? caseDirective({ difficulty: c.difficulty, expected: c.expected }) : "";
  const input = directive ? `${c.input}\n\n${directive}` : c.input;
  await db.experimentCase.update({ where: { id: rowId }, data: { status: "running" } });
  // One simulator seed per case, shared by every variant: variants then differ only by their tiers.
  const simulation = { speed: execution.speed, seed: hashString(c.id) };
  const run = await startRun(execution.workspaceId, execution.graphId, { input, simulation }, undefined, (g) => applyVariant(g, variant));
  await db.experimentCase.update({ where: { id: rowId }, data: { runId: run.id } });
  await runFinished(run.id);
  const done = await db.run.findUniqueOrThrow({ where: { id: run.id } });
  const judge = execution.judge && { ...execution.judge, simulatorNote: directive };
  const result =
    done.status === "succeeded"
      ? await grade(execution.grader, { output: done.output, approved: done.approved, expected: c.expected, input: c.input }, judge)
      : { passed: false, reason: `The run ended ${done.status.replace("_", " ")}${done.error ? `: ${done.error}` : "."}`, costNanoUsd: 0 };
  execution.spentNanoUsd += done.costNanoUsd + result.costNanoUsd;
  const latencyMs = done.startedAt && done.endedAt ? done.endedAt.getTime() - done.startedAt.getTime() : 0;
  await db.experimentCase.update({
    where: { id: rowId },
    data: { status: "graded", passed: result.passed, reason: result.reason, costNanoUsd: done.costNanoUsd, graderNanoUsd: result.costNanoUsd, latencyMs },
  });
}

/** Runs the listed case rows with at most `concurrency` at once. A failure of one case is graded as a failure, not thrown. */
export async function runCases(execution: Execution, variants: readonly Variant[], rows: readonly { id: string; variant: number; caseRow: CaseRow }[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      try {
        await runCase(execution, variants[row.variant], row.id, row.caseRow);
      } catch (error) {
        const reason = error instanceof AppError ? error.message : "The run could not start.";
        await db.experimentCase.update({ where: { id: row.id }, data: { status: "graded", passed: false, reason } });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(execution.concurrency, rows.length) }, worker));
}

/** Creates the pending case rows of one variant. */
export async function addVariantCases(experimentId: string, variant: number, cases: readonly (CaseRow & { position: number })[]) {
  const created = await db.experimentCase.createManyAndReturn({
    data: cases.map((c) => ({ experimentId, variant, caseId: c.id, position: c.position, input: c.input, status: "pending" })),
    select: { id: true, caseId: true },
  });
  return created.map((row) => ({ id: row.id, variant, caseRow: cases.find((c) => c.id === row.caseId)! }));
}

/** Runs `work` in the background, then stores how the experiment ended. */
export function launch(execution: Execution, work: () => Promise<void>): void {
  const done = work()
    .then(async () => {
      const over = execution.budgetNanoUsd !== null && execution.spentNanoUsd >= execution.budgetNanoUsd;
      await db.experiment.update({ where: { id: execution.experimentId }, data: { status: over ? "budget_exceeded" : "succeeded", endedAt: new Date() } });
    })
    .catch(async (error: unknown) => {
      console.error("Experiment failed:", error);
      await db.experiment.update({ where: { id: execution.experimentId }, data: { status: "failed", endedAt: new Date() } }).catch(() => undefined);
    })
    .finally(() => active.delete(execution.experimentId));
  active.set(execution.experimentId, done);
}

/** Starts an experiment: every case of the dataset on every variant, as ordinary runs, graded as they end. */
export async function startExperiment(workspaceId: string, body: StartExperimentBody): Promise<{ id: string; status: string }> {
  const { execution, cases, graphName, graderJson } = await prepareExecution(workspaceId, body);
  const experiment = await db.experiment.create({
    data: {
      workspaceId,
      graphId: body.graphId,
      datasetId: body.datasetId,
      name: body.name ?? `${graphName}: ${body.variants.map((v) => v.name).join(" vs ")}`.slice(0, 120),
      mode: "compare",
      status: "running",
      variants: body.variants,
      grader: graderJson as object,
      concurrency: body.concurrency,
      budgetNanoUsd: execution.budgetNanoUsd,
      simulated: execution.simulated,
    },
  });
  const running: Execution = { ...execution, experimentId: experiment.id };
  const rows: Awaited<ReturnType<typeof addVariantCases>> = [];
  for (let v = 0; v < body.variants.length; v++) rows.push(...(await addVariantCases(experiment.id, v, cases)));
  // Case-major order: every variant advances together, so partial results compare like with like.
  rows.sort((a, b) => a.caseRow.position - b.caseRow.position || a.variant - b.variant);
  launch(running, () => runCases(running, body.variants, rows));
  return { id: experiment.id, status: experiment.status };
}

export async function listExperiments(workspaceId: string) {
  const rows = await db.experiment.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take: 50 });
  return rows.map((e) => ({ id: e.id, name: e.name, mode: e.mode, status: e.status, simulated: e.simulated, createdAt: e.createdAt.toISOString() }));
}

export async function getExperiment(workspaceId: string, experimentId: string): Promise<ExperimentDetail> {
  const e = await db.experiment.findFirst({ where: { id: experimentId, workspaceId }, include: { cases: { orderBy: [{ position: "asc" }, { variant: "asc" }] } } });
  if (!e) throw AppError.notFound("Experiment");
  const variants = z.array(variantSchema).parse(e.variants);
  const cases = e.cases.map(({ experimentId: _e, ...c }) => c);
  const proposal = e.proposal ? z.object({ variant: z.number(), evidence: z.string() }).parse(e.proposal) : null;
  return {
    id: e.id,
    name: e.name,
    mode: e.mode === "advisor" ? "advisor" : "compare",
    status: e.status,
    graphId: e.graphId,
    datasetId: e.datasetId,
    simulated: e.simulated,
    grader: graderSchema.parse(e.grader),
    concurrency: e.concurrency,
    budgetNanoUsd: e.budgetNanoUsd,
    createdAt: e.createdAt.toISOString(),
    endedAt: e.endedAt?.toISOString() ?? null,
    variants,
    results: summarize(variants, cases),
    cases,
    proposal,
  };
}
