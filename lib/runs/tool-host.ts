import type { ToolHost } from "@/lib/engine";
import { getTool, outboundAllowHosts, runTool, TOOL_NAMES, toOpenAITool } from "@/lib/tools";
import { McpToolSet, type McpConnectOptions, type McpServerTools } from "@/lib/tools/mcp";

/** A run's tools; `close()` ends its MCP sessions (and stdio processes) once the run is over. */
export interface RunToolHost extends ToolHost {
  close(): Promise<void>;
}

/**
 * The engine's view of the tools: the built-in registry (`fetch_url` reaches what the
 * operator's allow-lists let past the outbound guard), then the workspace's MCP tools, which
 * nodes name by stable id and the model calls by a function name the tool set maps back.
 */
export function createToolHost(mcp?: { servers: readonly McpServerTools[]; options: McpConnectOptions }): RunToolHost {
  const fetchAllowHosts = outboundAllowHosts(process.env, { fetchUrl: true });
  const mcpTools = mcp && mcp.servers.length > 0 ? new McpToolSet(mcp.servers, mcp.options, TOOL_NAMES) : null;
  const mcpSources = new Map((mcpTools?.entries() ?? []).map((entry) => [entry.functionName, { server: entry.server.name, name: entry.tool.name }]));
  return {
    definitions: (names) =>
      names.flatMap((name) => {
        const builtin = getTool(name);
        const definition = builtin ? toOpenAITool(builtin) : mcpTools?.definition(name);
        return definition ? [definition] : [];
      }),
    run: (name, rawArguments, signal) =>
      mcpTools?.hasFunction(name) ? mcpTools.run(name, rawArguments, signal) : runTool(name, rawArguments, { signal, fetchAllowHosts }),
    describe: (name) => (getTool(name) ? { server: null, name } : mcpSources.get(name)),
    close: async () => {
      await mcpTools?.close();
    },
  };
}
