import { validateGraph, type ValidationResult } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models";
import { TOOL_NAMES } from "@/lib/tools";
import { AppError } from "@/lib/errors";
import type { GraphDocument } from "@/lib/graph";

/** Validates a graph document against the tools and models this server knows. */
export function checkGraph(input: unknown): ValidationResult {
  return validateGraph(input, { toolNames: TOOL_NAMES, models: Object.keys(DEFAULT_CATALOG.models) });
}

/** Like `checkGraph`, but throws the 422 the API answers with every issue listed. */
export function requireValidGraph(input: unknown): GraphDocument {
  const result = checkGraph(input);
  if (!result.ok) {
    const count = result.errors.length;
    throw new AppError("invalid_graph", `The graph has ${count} problem${count === 1 ? "" : "s"}.`, {
      errors: result.errors,
      warnings: result.warnings,
    });
  }
  return result.graph;
}
