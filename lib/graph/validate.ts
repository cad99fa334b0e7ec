import { isStructuralIssue, type GraphIssue } from "./issues";
import { migrateGraphDocument } from "./migrate";
import { ruleGraphFromDocument, salvageRuleGraph } from "./rule-graph";
import { graphDocumentSchema, type GraphDocument } from "./schema";
import { checkRules, type ValidationContext } from "./validate-rules";
import { structuralIssues } from "./validate-structure";

export type { ValidationContext } from "./validate-rules";

/** Either the parsed graph (defaults applied, migrated to the current version) or every error found. */
export type ValidationResult =
  | { ok: true; graph: GraphDocument; warnings: GraphIssue[] }
  | { ok: false; errors: GraphIssue[]; warnings: GraphIssue[] };

/**
 * A document as it may be stored: well-formed (it parses and its ids are unique), with the
 * problems that keep it from running; or malformed, with every error found.
 */
export type DocumentCheck =
  | { ok: true; graph: GraphDocument; problems: GraphIssue[]; warnings: GraphIssue[] }
  | { ok: false; errors: GraphIssue[]; warnings: GraphIssue[] };

/**
 * Migrates, parses and checks a graph document, returning every problem at once (structural
 * and semantic), each naming the node or edge it concerns. Warnings never block a run.
 */
export function validateGraph(input: unknown, ctx: ValidationContext): ValidationResult {
  const { graph, errors, warnings } = inspect(input, ctx);
  if (!graph || errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, graph, warnings };
}

/**
 * Like `validateGraph`, but separates a malformed document (`ok: false`) from a well-formed one
 * that still has problems (`ok: true` with `problems`): the second can be saved, not run.
 */
export function checkGraphDocument(input: unknown, ctx: ValidationContext): DocumentCheck {
  const { graph, errors, warnings } = inspect(input, ctx);
  if (!graph || errors.some(isStructuralIssue)) return { ok: false, errors, warnings };
  return { ok: true, graph, problems: errors, warnings };
}

/** The errors and warnings of an already parsed document (e.g. one read from storage). */
export function graphProblems(graph: GraphDocument, ctx: ValidationContext): { problems: GraphIssue[]; warnings: GraphIssue[] } {
  const { errors, warnings } = checkRules(ruleGraphFromDocument(graph), ctx);
  return { problems: errors, warnings };
}

function inspect(input: unknown, ctx: ValidationContext): { graph: GraphDocument | null; errors: GraphIssue[]; warnings: GraphIssue[] } {
  const migrated = migrateGraphDocument(input);
  if (!migrated.ok) return { graph: null, errors: [migrated.issue], warnings: [] };

  const parsed = graphDocumentSchema.safeParse(migrated.document);
  const errors = parsed.success ? [] : structuralIssues(parsed.error, migrated.document);
  const ruleGraph = parsed.success ? ruleGraphFromDocument(parsed.data) : salvageRuleGraph(migrated.document);
  const rules = ruleGraph ? checkRules(ruleGraph, ctx) : { errors: [], warnings: [] };
  errors.push(...rules.errors);
  return { graph: parsed.success ? parsed.data : null, errors, warnings: rules.warnings };
}
