import { ROLE_DEFINITIONS, isRole } from "./roles";

/** Every code a graph issue can carry. Codes are stable: the UI and API clients match on them. */
export const GRAPH_ISSUE_CODES = [
  "invalid_field",
  "field_too_large",
  "unsupported_version",
  "empty_graph",
  "duplicate_node_id",
  "duplicate_edge_id",
  "dangling_edge",
  "self_loop",
  "duplicate_edge",
  "data_cycle",
  "planner_without_executor",
  "revise_not_from_reviewer",
  "revise_not_to_ancestor",
  "unknown_tool",
  "unknown_tier",
  "ambiguous_executor_label",
  "duplicate_tool",
  "unpriced_model",
  "model_lacks_structured_output",
  "model_lacks_tools",
] as const;

export type GraphIssueCode = (typeof GRAPH_ISSUE_CODES)[number];

/**
 * Codes that make a document malformed: wrong types or sizes, an unknown version or tier,
 * ids that are not unique. Such a document is not stored. Every other error is a problem a
 * saved graph may have while it is being built; problems only keep it from running.
 */
export const STRUCTURAL_ISSUE_CODES = [
  "invalid_field",
  "field_too_large",
  "unsupported_version",
  "unknown_tier",
  "duplicate_node_id",
  "duplicate_edge_id",
] as const satisfies readonly GraphIssueCode[];

const STRUCTURAL = new Set<GraphIssueCode>(STRUCTURAL_ISSUE_CODES);

/** True when the issue makes the document malformed (see `STRUCTURAL_ISSUE_CODES`). */
export function isStructuralIssue(issue: Pick<GraphIssue, "code">): boolean {
  return STRUCTURAL.has(issue.code);
}

/**
 * One problem with a graph: a stable code, a sentence for the user, and the node or edge
 * it concerns (so the canvas can mark it) plus the field path when there is one.
 */
export interface GraphIssue {
  code: GraphIssueCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: (string | number)[];
}

/** `Planner "Plan research"`: how messages name a node (by role title and label). */
export function describeNode(node: { id: string; role?: unknown; label?: unknown }): string {
  const title = isRole(node.role) ? ROLE_DEFINITIONS[node.role].title : "Node";
  const label = typeof node.label === "string" && node.label.trim() !== "" ? node.label.trim() : node.id;
  return `${title} "${label}"`;
}

/** `"Plan research"`, falling back to the id for a node without a usable label. */
export function quoteLabel(node: { id: string; label?: unknown }): string {
  const label = typeof node.label === "string" && node.label.trim() !== "" ? node.label.trim() : node.id;
  return `"${label}"`;
}
