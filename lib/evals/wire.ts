/** The evals' response shapes, for the browser (type imports only). */
export type { Dataset, DatasetCase, DatasetSummary } from "./datasets";
export type { ExperimentCaseView, ExperimentDetail } from "./experiments";
export type { Grader, GraderKind } from "./graders";
export type { VariantResult } from "./results";
export type { Variant } from "./variants";
