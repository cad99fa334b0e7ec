import type { GraphIssue } from "./issues";
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
 * Migrates, parses and checks a graph document, returning every problem at once (structural
 * and semantic), each naming the node or edge it concerns. Warnings never block a run.
 */
export function validateGraph(input: unknown, ctx: ValidationContext): ValidationResult {
  const migrated = migrateGraphDocument(input);
  if (!migrated.ok) return { ok: false, errors: [migrated.issue], warnings: [] };

  const parsed = graphDocumentSchema.safeParse(migrated.document);
  const errors = parsed.success ? [] : structuralIssues(parsed.error, migrated.document);
  const ruleGraph = parsed.success ? ruleGraphFromDocument(parsed.data) : salvageRuleGraph(migrated.document);
  const rules = ruleGraph ? checkRules(ruleGraph, ctx) : { errors: [], warnings: [] };
  errors.push(...rules.errors);

  if (!parsed.success || errors.length > 0) return { ok: false, errors, warnings: rules.warnings };
  return { ok: true, graph: parsed.data, warnings: rules.warnings };
}
