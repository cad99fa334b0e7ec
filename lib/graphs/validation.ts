import { z } from "zod";
import { db } from "@/lib/db";
import { checkGraphDocument, graphProblems, type GraphDocument, type GraphIssue, type ValidationContext } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models";
import { TOOL_NAMES } from "@/lib/tools";
import { httpToolId } from "@/lib/tools/http";
import { mcpToolId } from "@/lib/tools/mcp";
import { AppError } from "@/lib/errors";

/**
 * Graphs are saved while they are being built: a well-formed document is stored with its
 * problems listed (a lone planner, a dangling edge, a tool the workspace no longer has), and
 * only starting a run refuses it, as Langflow, Flowise and Dify do. A malformed document
 * (wrong types or sizes, repeated ids) is never stored. Both refusals answer 422
 * `invalid_graph` with `details.errors`.
 */

const listedNames = z.array(z.object({ name: z.string() })).catch([]);

/**
 * Every tool a node of this workspace may use: the built-ins, its HTTP tools, then the tools its MCP servers
 * listed when last checked, by stable id. A removed server or renamed tool drops out, so the
 * node that uses it gets an unknown-tool problem instead of a failure at run time.
 */
export async function workspaceToolNames(workspaceId: string): Promise<string[]> {
  const [servers, httpTools] = await Promise.all([
    db.mcpServer.findMany({ where: { workspaceId }, select: { id: true, tools: true }, orderBy: { name: "asc" } }),
    db.httpTool.findMany({ where: { workspaceId }, select: { id: true }, orderBy: { name: "asc" } }),
  ]);
  return [...TOOL_NAMES, ...httpTools.map((tool) => httpToolId(tool.id)), ...servers.flatMap((server) => listedNames.parse(server.tools).map((tool) => mcpToolId(server.id, tool.name)))];
}

/** The tools given (the built-ins unless told) and the priced models this server checks graphs against. */
const contextFor = (toolNames: readonly string[]): ValidationContext => ({ toolNames, models: Object.keys(DEFAULT_CATALOG.models) });

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Parses a document for storing; a malformed one throws the 422 with every error listed. */
export function requireWellFormedGraph(input: unknown, toolNames: readonly string[] = TOOL_NAMES): { graph: GraphDocument; problems: GraphIssue[] } {
  const result = checkGraphDocument(input, contextFor(toolNames));
  if (!result.ok) {
    throw new AppError("invalid_graph", `The graph document is malformed: it has ${plural(result.errors.length, "error")}.`, {
      errors: result.errors,
      warnings: result.warnings,
    });
  }
  return { graph: result.graph, problems: result.problems };
}

/** The problems that keep a parsed (e.g. stored) graph from running on this server. */
export function problemsOf(graph: GraphDocument, toolNames: readonly string[] = TOOL_NAMES): GraphIssue[] {
  return graphProblems(graph, contextFor(toolNames)).problems;
}

/** For starting a run: a graph with problems throws the 422 listing them; nothing starts. */
export function requireRunnableGraph(graph: GraphDocument, toolNames: readonly string[] = TOOL_NAMES): GraphDocument {
  const { problems, warnings } = graphProblems(graph, contextFor(toolNames));
  if (problems.length > 0) {
    throw new AppError("invalid_graph", `This graph cannot run: it has ${plural(problems.length, "problem")}. Fix them in the editor, then run again.`, {
      errors: problems,
      warnings,
    });
  }
  return graph;
}
