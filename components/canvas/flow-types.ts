import type { EdgeTypes, NodeTypes } from "@xyflow/react";
import type { EdgeKind, Role } from "@/lib/graph";
import { DataEdge } from "./edges/data-edge";
import { ReviseEdge } from "./edges/revise-edge";
import { ApprovalNode } from "./nodes/approval-node";
import { ExecutorNode } from "./nodes/executor-node";
import { PlannerNode } from "./nodes/planner-node";
import { ReviewerNode } from "./nodes/reviewer-node";

/** One component per role, at module scope so React Flow never remounts nodes. Typed so a new role fails to compile here. */
export const nodeTypes = { planner: PlannerNode, executor: ExecutorNode, reviewer: ReviewerNode, approval: ApprovalNode } satisfies Record<Role, unknown> as NodeTypes;

/** Data and revise edges look different; the edge's `type` is its kind. */
export const edgeTypes = { data: DataEdge, revise: ReviseEdge } satisfies Record<EdgeKind, unknown> as EdgeTypes;
