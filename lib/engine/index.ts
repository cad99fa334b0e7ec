/** The run engine: executes a validated graph and emits typed `RunEvent`s. Pure TypeScript. */
export { runGraph, type RunOutcome } from "./run-graph";
export {
  DEFAULT_RETRY_POLICY,
  MAX_RETRY_AFTER_MS,
  resolveRetryPolicy,
  systemClock,
  type EngineClock,
  type EngineContext,
  type RetryPolicy,
  type ToolHost,
} from "./context";
export { applyRunEvent, createRunSummary, foldRunEvents, nodeTimes, savingNanoUsd, type NodeSummary, type RunSummary } from "./run-summary";
export { joinPoolOutputs, joinSinkOutputs } from "./outputs";
export { ROLE_RUNNERS, type RoleRunner, type RoleRunners } from "./roles";
export * from "./events";
export { restoreRun, type RestoredRun } from "./restore";
export { RunLedger } from "./ledger";
