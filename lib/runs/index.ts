export { startRun, runFinished, cancelRun, isTerminalStatus } from "./service";
export { resumeRun, takeOverExpiredRuns } from "./takeover";
export { decideApproval, decideApprovalBody, decideExpiredApprovals, type DecideApprovalBody } from "./approvals";
export { drainRuns } from "./shutdown";
export { getRunDetail, listRuns, listWorkspaceRuns, type RunDetail, type RunListItem, type RunNodeResult } from "./queries";
export { resumeSeq, startedRunStream, streamRunEvents } from "./stream";
export {
  startRunBody,
  listRunsQuery,
  runListItemSchema,
  workspaceRunSchema,
  runPageSchema,
  type StartRunBody,
  type ListRunsQuery,
  type WorkspaceRun,
  type RunPage,
} from "./schemas";
export {
  createShareLink,
  createShareLinkBody,
  sharePath,
  revokeShareLink,
  getSharedRun,
  streamSharedRun,
  type CreatedShareLink,
  type SharedRun,
} from "./share";
export { listShareLinks, listWorkspaceShareLinks, listShareLinksQuery, type ShareLinkInfo, type WorkspaceShareLink } from "./share-links";
export { getRunTrace, runTraceSchema, traceFileName, type RunTrace } from "./trace";
export { workspaceToolDefinitions } from "./tool-definitions";
export { loadEstimateHistory } from "./estimate-history";
export { healthQuery, operatorHealth, operatorHealthSchema, type OperatorHealth } from "./health";
