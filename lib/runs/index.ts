export { startRun, runFinished, cancelRun, markInterruptedRuns, isTerminalStatus } from "./service";
export { getRunDetail, listRuns, type RunDetail, type RunListItem, type RunNodeResult } from "./queries";
export { streamRunEvents, resumeSeq } from "./stream";
export { startRunBody, type StartRunBody } from "./schemas";
export {
  createShareLink,
  createShareLinkBody,
  sharePath,
  listShareLinks,
  revokeShareLink,
  getSharedRun,
  streamSharedRun,
  type ShareLinkInfo,
  type CreatedShareLink,
  type SharedRun,
} from "./share";
