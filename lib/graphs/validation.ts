import { checkGraphDocument, graphProblems, type GraphDocument, type GraphIssue, type ValidationContext } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models";
import { TOOL_NAMES } from "@/lib/tools";
import { AppError } from "@/lib/errors";

/**
 * Graphs are saved while they are being built: a well-formed document is stored with its
 * problems listed (a lone planner, a dangling edge), and only starting a run refuses it, as
 * Langflow, Flowise and Dify do. A malformed document (wrong types or sizes, repeated ids) is
 * never stored. Both refusals answer 422 `invalid_graph` with `details.errors`.
 */

/** The tools and priced models this server checks graphs against. */
const SERVER_CONTEXT: ValidationContext = { toolNames: TOOL_NAMES, models: Object.keys(DEFAULT_CATALOG.models) };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Parses a document for storing; a malformed one throws the 422 with every error listed. */
export function requireWellFormedGraph(input: unknown): { graph: GraphDocument; problems: GraphIssue[] } {
  const result = checkGraphDocument(input, SERVER_CONTEXT);
  if (!result.ok) {
    throw new AppError("invalid_graph", `The graph document is malformed: it has ${plural(result.errors.length, "error")}.`, {
      errors: result.errors,
      warnings: result.warnings,
    });
  }
  return { graph: result.graph, problems: result.problems };
}

/** The problems that keep a parsed (e.g. stored) graph from running on this server. */
export function problemsOf(graph: GraphDocument): GraphIssue[] {
  return graphProblems(graph, SERVER_CONTEXT).problems;
}

/** For starting a run: a graph with problems throws the 422 listing them; nothing starts. */
export function requireRunnableGraph(graph: GraphDocument): GraphDocument {
  const { problems, warnings } = graphProblems(graph, SERVER_CONTEXT);
  if (problems.length > 0) {
    throw new AppError("invalid_graph", `This graph cannot run: it has ${plural(problems.length, "problem")}. Fix them in the editor, then run again.`, {
      errors: problems,
      warnings,
    });
  }
  return graph;
}
