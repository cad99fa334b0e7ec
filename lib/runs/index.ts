export { startRun, runFinished, cancelRun, markInterruptedRuns, isTerminalStatus } from "./service";
export { getRunDetail, listRuns, type RunDetail, type RunListItem, type RunNodeResult } from "./queries";
export { streamRunEvents, resumeSeq } from "./stream";
export { startRunBody, type StartRunBody } from "./schemas";
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
