import { runApproval } from "./approval";
import { runExecutor } from "./executor";
import { runPlanner } from "./planner";
import { runReviewer } from "./reviewer";
import type { RoleRunners } from "./types";

export type { InstanceResult, NodeJob, NodeResult, RevisionNote, RoleRunner, RoleRunners, UpstreamResult } from "./types";

/** The runner of each role. Adding a role to `lib/graph` without a runner here fails to compile. */
export const ROLE_RUNNERS: RoleRunners = {
  planner: runPlanner,
  executor: runExecutor,
  reviewer: runReviewer,
  approval: runApproval,
};
