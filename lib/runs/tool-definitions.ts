import type { EstimateTool } from "@/lib/engine/estimate";
import { workspaceHttpTools } from "@/lib/workspaces/http-tools";
import { workspaceMcpServers } from "@/lib/workspaces/mcp-servers";
import { createToolHost } from "./tool-host";

/**
 * The definitions a run in this workspace would send for `toolIds` (built-in, HTTP and MCP
 * tools), as the model sees them, each with the id nodes store: what the pre-run estimate counts.
 * Unknown ids are left out. Nothing is connected.
 */
export async function workspaceToolDefinitions(workspaceId: string, toolIds: readonly string[]): Promise<EstimateTool[]> {
  const [mcp, httpTools] = await Promise.all([workspaceMcpServers(workspaceId), workspaceHttpTools(workspaceId)]);
  const host = createToolHost(mcp, httpTools);
  try {
    return [...new Set(toolIds)].flatMap((id) => host.definitions([id]).flatMap((definition) => (definition.type === "function" ? [{ ...definition.function, id }] : [])));
  } finally {
    await host.close();
  }
}
