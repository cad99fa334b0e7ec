import { validateGraph, type GraphDocument, type GraphIssue, type ValidationContext } from "@/lib/graph";
import type { CanvasIssue, IssueIndex } from "./types";

export interface Validation {
  errors: GraphIssue[];
  warnings: GraphIssue[];
  nodeIssues: IssueIndex;
  edgeIssues: IssueIndex;
}

/**
 * Validates the document and groups its issues by node and edge. A node whose issues did not
 * change keeps its old array, so only nodes whose problems changed re-render.
 */
export function validateForCanvas(
  document: GraphDocument,
  context: ValidationContext,
  previous?: Pick<Validation, "nodeIssues" | "edgeIssues">,
): Validation {
  const result = validateGraph(document, context);
  const errors = result.ok ? [] : result.errors;
  const all: CanvasIssue[] = [
    ...errors.map((issue) => ({ ...issue, severity: "error" as const })),
    ...result.warnings.map((issue) => ({ ...issue, severity: "warning" as const })),
  ];
  return {
    errors,
    warnings: result.warnings,
    nodeIssues: group(all, "nodeId", previous?.nodeIssues),
    edgeIssues: group(all, "edgeId", previous?.edgeIssues),
  };
}

function group(issues: readonly CanvasIssue[], key: "nodeId" | "edgeId", previous: IssueIndex | undefined): IssueIndex {
  const grouped: Record<string, CanvasIssue[]> = {};
  for (const issue of issues) {
    const id = issue[key];
    if (id === undefined) continue;
    (grouped[id] ??= []).push(issue);
  }
  if (!previous) return grouped;
  const stable: Record<string, readonly CanvasIssue[]> = {};
  for (const [id, list] of Object.entries(grouped)) {
    const before = previous[id];
    stable[id] = before && sameIssues(before, list) ? before : list;
  }
  return stable;
}

function sameIssues(a: readonly CanvasIssue[], b: readonly CanvasIssue[]): boolean {
  return a.length === b.length && a.every((issue, index) => issue.code === b[index].code && issue.severity === b[index].severity && issue.message === b[index].message);
}
