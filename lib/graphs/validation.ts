import { z } from "zod";
import { db } from "@/lib/db";
import { checkGraphDocument, graphProblems, type GraphDocument, type GraphIssue, type ValidationContext } from "@/lib/graph";
import { catalogChecks, catalogFromStored, DEFAULT_CATALOG, type ModelCatalog } from "@/lib/models";
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

/** The stored rows graph checks read: a workspace's catalog overrides, its MCP servers' listed tools and its HTTP tools. */
export interface StoredToolsAndCatalog {
  catalog: unknown;
  mcpServers: readonly { id: string; tools: unknown }[];
  httpTools: readonly { id: string }[];
}

/** What a graph is checked against: the tools a node may use and the catalog its models come from (the default one unless told). */
export interface GraphChecks {
  toolNames: readonly string[];
  catalog?: ModelCatalog;
}

/** The workspace's tools and model catalog, for checking its graphs. */
export async function workspaceGraphChecks(workspaceId: string): Promise<GraphChecks> {
  const workspace = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: { catalog: true, mcpServers: { select: { id: true, tools: true }, orderBy: { name: "asc" } }, httpTools: { select: { id: true }, orderBy: { name: "asc" } } },
  });
  return graphChecksOf(workspace ?? { catalog: null, mcpServers: [], httpTools: [] });
}

/**
 * Checks from rows already loaded. Every tool a node may use: the built-ins, the HTTP tools, then
 * the tools the MCP servers listed when last checked, by stable id (rows in name order). A removed
 * server or renamed tool drops out, so the node that uses it gets an unknown-tool problem instead
 * of a failure at run time.
 */
export function graphChecksOf({ catalog, mcpServers, httpTools }: StoredToolsAndCatalog): GraphChecks {
  const toolNames = [...TOOL_NAMES, ...httpTools.map((tool) => httpToolId(tool.id)), ...mcpServers.flatMap((server) => listedNames.parse(server.tools).map((tool) => mcpToolId(server.id, tool.name)))];
  return { toolNames, catalog: catalogFromStored(catalog) };
}

const BUILT_IN: GraphChecks = { toolNames: TOOL_NAMES };

/** The tools, the priced models and what each node's model can do. */
const contextFor = ({ toolNames, catalog = DEFAULT_CATALOG }: GraphChecks): ValidationContext => ({ toolNames, ...catalogChecks(catalog) });

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Parses a document for storing; a malformed one throws the 422 with every error listed. */
export function requireWellFormedGraph(input: unknown, checks: GraphChecks = BUILT_IN): { graph: GraphDocument; problems: GraphIssue[] } {
  const result = checkGraphDocument(input, contextFor(checks));
  if (!result.ok) {
    throw new AppError("invalid_graph", `The graph document is malformed: it has ${plural(result.errors.length, "error")}.`, {
      errors: result.errors,
      warnings: result.warnings,
    });
  }
  return { graph: result.graph, problems: result.problems };
}

/** The problems that keep a parsed (e.g. stored) graph from running on this server. */
export function problemsOf(graph: GraphDocument, checks: GraphChecks = BUILT_IN): GraphIssue[] {
  return graphProblems(graph, contextFor(checks)).problems;
}

/** For starting a run: a graph with problems throws the 422 listing them; nothing starts. */
export function requireRunnableGraph(graph: GraphDocument, checks: GraphChecks = BUILT_IN): GraphDocument {
  const { problems, warnings } = graphProblems(graph, contextFor(checks));
  if (problems.length > 0) {
    throw new AppError("invalid_graph", `This graph cannot run: it has ${plural(problems.length, "problem")}. Fix them in the editor, then run again.`, {
      errors: problems,
      warnings,
    });
  }
  return graph;
}
