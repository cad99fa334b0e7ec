import type { ChatCompletionFunctionTool } from "openai/resources/chat/completions";
import type { ToolHost } from "@/lib/engine";
import { getTool, outboundAllowHosts, runTool, TOOL_NAMES, toOpenAITool, type DocumentReader } from "@/lib/tools";
import { callHttpTool, type HttpToolEntry } from "@/lib/tools/http";
import { createRedactor } from "./redact";
import { McpToolSet, type McpConnectOptions, type McpServerTools } from "@/lib/tools/mcp";

/** A run's tools; `close()` ends its MCP sessions (and stdio processes) once the run is over. */
export interface RunToolHost extends ToolHost {
  close(): Promise<void>;
}

/**
 * The engine's view of the tools: the built-in registry (`fetch_url` reaches what the
 * operator's allow-lists let past the outbound guard; the document tools read `documents`, the run's attached collections), the workspace's HTTP tools (nodes name
 * them `http:<id>`, the model by their own name), then its MCP tools, which nodes name by
 * stable id and the model calls by a function name the tool set maps back.
 */
export function createToolHost(
  mcp?: { servers: readonly McpServerTools[]; options: McpConnectOptions },
  httpTools: readonly HttpToolEntry[] = [],
  documents?: DocumentReader,
): RunToolHost {
  const fetchAllowHosts = outboundAllowHosts(process.env, { fetchUrl: true });
  const allowHosts = outboundAllowHosts(process.env);
  const byId = new Map(httpTools.map((tool) => [tool.toolId, tool.spec]));
  const byFunction = new Map(httpTools.map((tool) => [tool.spec.name, tool.spec]));
  // A service may echo a header back (an error quoting the token): the model never reads it, so
  // it cannot repeat it in streamed text, where a secret split across chunks would slip past the run's redactor.
  const scrub = createRedactor(httpTools.flatMap((tool) => Object.values(tool.spec.headers)));
  const reserved = [...TOOL_NAMES, ...byFunction.keys()];
  const mcpTools = mcp && mcp.servers.length > 0 ? new McpToolSet(mcp.servers, mcp.options, reserved) : null;
  const mcpSources = new Map((mcpTools?.entries() ?? []).map((entry) => [entry.functionName, { server: entry.server.name, name: entry.tool.name }]));
  const httpDefinition = (name: string): ChatCompletionFunctionTool | undefined => {
    const spec = byId.get(name);
    return spec && { type: "function", function: { name: spec.name, description: spec.description, parameters: spec.parameters } };
  };
  return {
    definitions: (names) =>
      names.flatMap((name) => {
        const builtin = getTool(name);
        const definition = builtin ? toOpenAITool(builtin) : (httpDefinition(name) ?? mcpTools?.definition(name));
        return definition ? [definition] : [];
      }),
    run: (name, rawArguments, signal) => {
      const http = getTool(name) ? undefined : byFunction.get(name);
      if (http) {
        return callHttpTool(http, rawArguments, { signal, allowHosts }).then((result) =>
          result.ok ? { ok: true, output: scrub(result.output) } : { ok: false, error: scrub(result.error) },
        );
      }
      return mcpTools?.hasFunction(name) ? mcpTools.run(name, rawArguments, signal) : runTool(name, rawArguments, { signal, fetchAllowHosts, documents });
    },
    // The transcript names where a tool lives: built-in (null), the workspace's HTTP tools, or an MCP server.
    describe: (name) => (getTool(name) ? { server: null, name } : byFunction.has(name) ? { server: "HTTP tools", name } : mcpSources.get(name)),
    close: async () => {
      await mcpTools?.close();
    },
  };
}
