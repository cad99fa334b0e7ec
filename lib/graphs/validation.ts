import { z } from "zod";
import { db } from "@/lib/db";
import { validateGraph, type ValidationResult } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models";
import { TOOL_NAMES } from "@/lib/tools";
import { mcpToolId } from "@/lib/tools/mcp";
import { AppError } from "@/lib/errors";
import type { GraphDocument } from "@/lib/graph";

const listedNames = z.array(z.object({ name: z.string() })).catch([]);

/**
 * Every tool a node of this workspace may use: the built-ins, then the tools its MCP servers
 * listed when last checked, by stable id. A removed server or renamed tool drops out, so the
 * node that uses it gets an unknown-tool problem instead of a failure at run time.
 */
export async function workspaceToolNames(workspaceId: string): Promise<string[]> {
  const servers = await db.mcpServer.findMany({ where: { workspaceId }, select: { id: true, tools: true }, orderBy: { name: "asc" } });
  return [...TOOL_NAMES, ...servers.flatMap((server) => listedNames.parse(server.tools).map((tool) => mcpToolId(server.id, tool.name)))];
}

/** Validates a graph document against these tools (the built-ins unless given) and the models this server knows. */
export function checkGraph(input: unknown, toolNames: readonly string[] = TOOL_NAMES): ValidationResult {
  return validateGraph(input, { toolNames, models: Object.keys(DEFAULT_CATALOG.models) });
}

/** Like `checkGraph`, but throws the 422 the API answers with every issue listed. */
export function requireValidGraph(input: unknown, toolNames?: readonly string[]): GraphDocument {
  const result = checkGraph(input, toolNames);
  if (!result.ok) {
    const count = result.errors.length;
    throw new AppError("invalid_graph", `The graph has ${count} problem${count === 1 ? "" : "s"}.`, {
      errors: result.errors,
      warnings: result.warnings,
    });
  }
  return result.graph;
}
