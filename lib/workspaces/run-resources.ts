import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { httpToolRowsQuery, type HttpToolRow } from "./http-tools";
import { mcpServerRowsQuery, type McpServerRow } from "./mcp-servers";
import { providerRowsQuery, type StoredProviders } from "./provider";

/**
 * Everything of a workspace a run's start reads, as stored (secrets still encrypted): the catalog
 * and providers, the MCP servers and the HTTP tools. One query instead of one per reader; each
 * reader's view comes from it (`workspaceModelsOf`, `workspaceProviderOf`, `mcpServersOf`,
 * `httpToolsOf`, and lib/graphs' `graphChecksOf`), so a run is checked against the same rows it executes with.
 */
export interface WorkspaceRunResources extends StoredProviders {
  mcpServers: McpServerRow[];
  httpTools: HttpToolRow[];
}

/** Loads a workspace's run resources; a missing workspace answers 404. */
export async function loadWorkspaceRunResources(workspaceId: string): Promise<WorkspaceRunResources> {
  const row = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: { catalog: true, providers: providerRowsQuery, mcpServers: mcpServerRowsQuery, httpTools: httpToolRowsQuery },
  });
  if (!row) throw AppError.notFound("Workspace");
  return row;
}
