import type { GraphNode, NodeOfRole, Role } from "@/lib/graph";
import type { PlanSubtask, ReviewVerdict } from "../events";
import type { RunRuntime } from "../runtime";

/** One pool instance's result: its subtask's title and its answer. */
export interface InstanceResult {
  title: string;
  output: string;
}

/** A finished pass of a node, as downstream nodes (and the run output) see it. */
export interface NodeResult {
  /** The node's output; for a pool, its instances' outputs under their subtask titles. */
  output: string;
  /** Pool executors: each instance's result, by instance. */
  instances?: InstanceResult[];
  plan?: PlanSubtask[];
  verdict?: ReviewVerdict;
}

/** A data predecessor's latest result. */
export interface UpstreamResult {
  node: GraphNode;
  result: NodeResult;
}

/** Feedback from a reviewer that sent this node back. */
export interface RevisionNote {
  reviewerLabel: string;
  feedback: string;
}

/** Everything a role runner needs to run one pass of one node. */
export interface NodeJob<R extends Role = Role> {
  node: NodeOfRole<R>;
  iteration: number;
  /** Data predecessors' results, in document order. */
  upstream: readonly UpstreamResult[];
  /** Data successors (a planner routes subtasks to the executors among them). */
  downstream: readonly GraphNode[];
  /** Set when a reviewer sent this node back for this pass. */
  revision: RevisionNote | null;
  /** This node's result from the previous pass, if it ran before. */
  previous: NodeResult | null;
}

/**
 * Runs one pass of a node: emits its instance events and resolves with its result. Throws a
 * `NodeError` (or any error) when the node fails, `RunStoppedError` when the run stops.
 */
export type RoleRunner<R extends Role = Role> = (rt: RunRuntime, job: NodeJob<R>) => Promise<NodeResult>;

/** One runner per role: the compiler rejects a registry missing a role. */
export type RoleRunners = { [R in Role]: RoleRunner<R> };
