import type { ChatCompletionFunctionTool } from "openai/resources/chat/completions";
import { abortErrorFrom } from "../abort";
import type { ToolRunResult } from "../registry";
import { McpConnection, type McpConnectOptions } from "./client";
import type { McpServerConfig, McpToolInfo } from "./config";
import { assignFunctionNames, mcpToolId } from "./names";

/** A server and the tools it listed when it was last saved or refreshed. */
export interface McpServerTools {
  config: McpServerConfig;
  tools: readonly McpToolInfo[];
}

/** One MCP tool as a run offers it to the model. */
export interface McpToolEntry {
  /** Stable id stored in graph documents (`mcp:<serverId>:<toolName>`). */
  id: string;
  /** The Chat Completions function name the model calls it by. */
  functionName: string;
  server: McpServerConfig;
  tool: McpToolInfo;
}

function modelSchema(inputSchema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = inputSchema;
  return { ...schema, type: "object" };
}

function parseArguments(raw: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = raw.trim() === "" ? {} : JSON.parse(raw);
  } catch (error) {
    return `Arguments are not valid JSON (${error instanceof Error ? error.message : String(error)}). Send a JSON object.`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "Arguments must be a JSON object.";
  return value as Record<string, unknown>;
}

/**
 * A workspace's MCP tools for one run. Each server is connected lazily on its first call and
 * the connection is shared by every instance of the run; a lost connection is opened again on
 * the next call. `close()` ends every session (and every stdio process) when the run ends.
 */
export class McpToolSet {
  private readonly byId = new Map<string, McpToolEntry>();
  private readonly byFunction = new Map<string, McpToolEntry>();
  private readonly connections = new Map<string, Promise<McpConnection>>();
  private closed = false;

  /** `reservedNames` are function names already taken (the built-in tools). */
  constructor(servers: readonly McpServerTools[], private readonly options: McpConnectOptions, reservedNames: Iterable<string> = []) {
    const requests = servers.flatMap(({ config, tools }) =>
      tools.map((tool) => ({ id: mcpToolId(config.id, tool.name), serverName: config.name, toolName: tool.name, config, tool })),
    );
    const names = assignFunctionNames(requests, reservedNames);
    for (const request of requests) {
      if (this.byId.has(request.id)) continue;
      const entry = { id: request.id, functionName: names.get(request.id)!, server: request.config, tool: request.tool };
      this.byId.set(entry.id, entry);
      this.byFunction.set(entry.functionName, entry);
    }
  }

  /** Every tool, in server then listing order. */
  entries(): McpToolEntry[] {
    return [...this.byId.values()];
  }

  /** The tool with this stable id, or undefined. */
  get(id: string): McpToolEntry | undefined {
    return this.byId.get(id);
  }

  /** The tool in the shape Chat Completions' `tools` array takes. */
  definition(id: string): ChatCompletionFunctionTool | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    const description = `${entry.tool.description || entry.tool.title || entry.tool.name} (MCP server "${entry.server.name}")`;
    return { type: "function", function: { name: entry.functionName, description, parameters: modelSchema(entry.tool.inputSchema) } };
  }

  /** True when the model's function name is one of these tools. */
  hasFunction(functionName: string): boolean {
    return this.byFunction.has(functionName);
  }

  /** Runs a call the model made by function name; failures come back for the model to read, an abort rejects. */
  async run(functionName: string, rawArguments: string, signal: AbortSignal): Promise<ToolRunResult> {
    if (signal.aborted) throw abortErrorFrom(signal);
    const entry = this.byFunction.get(functionName);
    if (!entry) return { ok: false, error: `Unknown tool "${functionName}"` };
    const args = parseArguments(rawArguments);
    if (typeof args === "string") return { ok: false, error: `Invalid arguments for tool "${functionName}": ${args}` };
    let connection: McpConnection;
    try {
      connection = await this.connect(entry.server);
    } catch (error) {
      if (signal.aborted) throw abortErrorFrom(signal, error);
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (signal.aborted) throw abortErrorFrom(signal);
    return connection.callTool(entry.tool.name, args, signal);
  }

  private async connect(server: McpServerConfig): Promise<McpConnection> {
    if (this.closed) throw new Error("The run's MCP connections are closed");
    const pending = this.connections.get(server.id);
    const existing = pending ? await pending.catch(() => null) : null;
    if (existing && !existing.lost) return existing;
    // A lost connection: the first call to notice replaces it; calls that come later share the replacement.
    if (pending && this.connections.get(server.id) !== pending) return this.connect(server);
    if (existing) void existing.close();
    const opening = McpConnection.open(server, this.options);
    this.connections.set(server.id, opening);
    // A failed open is forgotten, so the next call tries again.
    opening.catch(() => {
      if (this.connections.get(server.id) === opening) this.connections.delete(server.id);
    });
    const connection = await opening;
    // The run may have ended while this connection was being opened.
    if (this.closed) {
      await connection.close();
      throw new Error("The run's MCP connections are closed");
    }
    return connection;
  }

  /** Ends every session the run opened; stdio processes are stopped. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(pending.map((opening) => opening.then((connection) => connection.close(), () => {})));
  }
}
