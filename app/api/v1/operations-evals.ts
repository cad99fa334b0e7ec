import type { ApiOperation } from "@/lib/api/openapi";
import { startAdvisorBody, startExperimentBody } from "@/lib/evals/experiments";
import { caseBody, createDatasetBody, exportQuery, importCasesBody, updateDatasetBody } from "@/lib/evals/schemas";

/** Datasets, experiments and the tier advisor. Part of `OPERATIONS` (operations.ts). */
export const EVAL_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "GET", route: "/api/v1/datasets", operationId: "listDatasets", tag: "Evaluations", auth: "workspace",
    summary: "List the workspace's datasets",
    response: { status: 200, description: "`{ datasets }` with their case counts and graders." },
  },
  {
    method: "POST", route: "/api/v1/datasets", operationId: "createDataset", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Create a dataset",
    body: createDatasetBody,
    response: { status: 201, description: "The dataset with its cases." },
  },
  {
    method: "GET", route: "/api/v1/datasets/[id]", operationId: "getDataset", tag: "Evaluations", auth: "workspace",
    summary: "Get a dataset and its cases",
    response: { status: 200, description: "The dataset." },
  },
  {
    method: "PATCH", route: "/api/v1/datasets/[id]", operationId: "updateDataset", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Rename a dataset or change its grader",
    body: updateDatasetBody,
    response: { status: 200, description: "The dataset." },
  },
  {
    method: "DELETE", route: "/api/v1/datasets/[id]", operationId: "deleteDataset", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Delete a dataset",
    description: "Its experiments stay, without a dataset.",
    response: { status: 204, description: "Deleted." },
  },
  {
    method: "POST", route: "/api/v1/datasets/[id]/import", operationId: "importCases", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Import cases from a CSV or JSONL file",
    description: "CSV needs a header row with `input` (and optionally `expected`, `difficulty` 0–1); JSONL one object per line with the same fields. Any bad row fails the whole file: 422 lists `{ row, message }` per row and nothing is imported.",
    body: importCasesBody,
    response: { status: 200, description: "`{ imported }`." },
  },
  {
    method: "GET", route: "/api/v1/datasets/[id]/export", operationId: "exportCases", tag: "Evaluations", auth: "workspace",
    summary: "Export a dataset's cases",
    query: exportQuery,
    response: { status: 200, description: "The cases as a CSV or JSONL attachment.", contentType: "text/csv" },
  },
  {
    method: "POST", route: "/api/v1/datasets/[id]/cases", operationId: "addCase", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Add a case",
    body: caseBody,
    response: { status: 201, description: "The case." },
  },
  {
    method: "PUT", route: "/api/v1/datasets/[id]/cases/[caseId]", operationId: "updateCase", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Edit a case",
    body: caseBody,
    response: { status: 200, description: "The case." },
  },
  {
    method: "DELETE", route: "/api/v1/datasets/[id]/cases/[caseId]", operationId: "deleteCase", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Delete a case",
    response: { status: 204, description: "Deleted." },
  },
  {
    method: "GET", route: "/api/v1/experiments", operationId: "listExperiments", tag: "Evaluations", auth: "workspace",
    summary: "List the latest experiments",
    response: { status: 200, description: "`{ experiments }`, newest first (at most 50)." },
  },
  {
    method: "POST", route: "/api/v1/experiments", operationId: "startExperiment", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Run a graph over a dataset, once per variant",
    description: "Each case of each variant is an ordinary run of the graph with the variant's tiers, graded as it ends. Answers at once; follow progress with `GET /api/v1/experiments/{id}`.",
    body: startExperimentBody,
    response: { status: 201, description: "`{ id, status }`." },
  },
  {
    method: "POST", route: "/api/v1/experiments/advisor", operationId: "startAdvisor", tag: "Evaluations", auth: "workspace", minRole: "editor",
    summary: "Search for the cheapest tiers that still succeed",
    description: "Tries each node one tier down from the design, keeping a change while the success rate is not significantly worse (one-sided two-proportion test, 95%). The proposal and its evidence arrive with the experiment.",
    body: startAdvisorBody,
    response: { status: 201, description: "`{ id, status }`." },
  },
  {
    method: "GET", route: "/api/v1/experiments/[id]", operationId: "getExperiment", tag: "Evaluations", auth: "workspace",
    summary: "Get an experiment's progress and results",
    description: "Per variant: success rate with its 95% Wilson interval, mean cost, cost per successful outcome, p50/p95 latency and the saving against all flagship; every case with its run and grade.",
    response: { status: 200, description: "The experiment." },
  },
];
