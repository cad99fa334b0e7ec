import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { abortErrorFrom } from "../abort";
import { createGuardedFetch, type LookupAll } from "../outbound";
import type { ToolRunResult } from "../registry";
import type { McpServerConfig, McpToolInfo } from "./config";
import { DEFAULT_MCP_OUTPUT_CHARS, toToolRunResult } from "./result";
import { assertStdioAllowed, type StdioPolicy } from "./stdio-policy";

/** The operator's limits on how Tierflow reaches MCP servers. */
export interface McpConnectOptions {
  stdio: StdioPolicy;
  /** Destinations past the outbound guard (`TIERFLOW_OUTBOUND_ALLOW_HOSTS`). */
  allowHosts?: readonly string[];
  /** DNS for the guard (tests inject one). */
  lookup?: LookupAll;
  /** Cap on one result's text. */
  maxOutputChars?: number;
}

/** Thrown when a server cannot be reached or refuses the handshake; `message` says why. */
export class McpConnectError extends Error {
  constructor(readonly serverName: string, cause: unknown) {
    super(`Could not connect to MCP server "${serverName}": ${describeError(cause)}`, { cause });
    this.name = "McpConnectError";
  }
}

// Pages beyond this are a misbehaving server, not a big one.
const MAX_TOOL_PAGES = 100;
const STDERR_TAIL_CHARS = 2000;
// Starting a process or a cold remote can take longer than a call should: the handshake gets at least this.
const MIN_CONNECT_TIMEOUT_MS = 30_000;

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error && error.cause.message && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}

// How the Streamable HTTP transport reports a response stream that broke, and one it could not resume.
const STREAM_BROKE = /^SSE stream disconnected/;
const RESUME_FAILED = /^(Maximum reconnection attempts|Failed to reconnect: )/;

const CLIENT_INFO = { name: "tierflow", version: "1.0.0" };

/** One live connection to an MCP server. Close it when done: for stdio that ends the process. */
export class McpConnection {
  private closed = false;
  /** Set once the transport closes, whoever closed it; callers then reconnect. */
  lost = false;

  private constructor(
    readonly config: McpServerConfig,
    private readonly client: Client,
    private readonly maxOutputChars: number,
    private readonly stderrTail: () => string,
    private readonly transport: Transport,
  ) {}

  /** Calls in flight whose response stream carried event ids: the transport resumes those itself. */
  private resumableCalls = 0;

  /**
   * Most errors also surface on the pending request. A broken response stream does not: the
   * SDK only reports it here, and the call would wait for its timeout. Unless the stream can be
   * resumed (and then only once resuming failed), closing the client fails every pending call
   * at once as a lost connection; the next call reconnects.
   */
  private transportError(error: Error): void {
    const broke = STREAM_BROKE.test(error.message) && this.resumableCalls === 0;
    if (!broke && !RESUME_FAILED.test(error.message)) return;
    this.lost = true;
    void this.client.close().catch(() => {});
  }

  /** The stdio server's process id (null over HTTP or once it has ended). */
  get pid(): number | null {
    return this.transport instanceof StdioClientTransport ? this.transport.pid : null;
  }

  /** Connects and completes the MCP handshake (within the call timeout, but no less than 30 s). */
  static async open(config: McpServerConfig, options: McpConnectOptions, signal?: AbortSignal): Promise<McpConnection> {
    let stderr = "";
    let transport: Transport;
    if (config.transport.type === "stdio") {
      try {
        assertStdioAllowed(config.transport.command, options.stdio);
      } catch (error) {
        throw new McpConnectError(config.name, error);
      }
      const stdio = new StdioClientTransport({
        command: config.transport.command,
        args: config.transport.args,
        env: config.transport.env,
        stderr: "pipe",
      });
      stdio.stderr?.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL_CHARS);
      });
      transport = stdio;
    } else {
      transport = new StreamableHTTPClientTransport(new URL(config.transport.url), {
        fetch: createGuardedFetch({ allowHosts: options.allowHosts, lookup: options.lookup }),
        requestInit: { headers: config.transport.headers },
      });
    }
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    const connection = new McpConnection(config, client, options.maxOutputChars ?? DEFAULT_MCP_OUTPUT_CHARS, () => stderr.trim(), transport);
    client.onclose = () => {
      connection.lost = true;
    };
    client.onerror = (error) => connection.transportError(error);
    try {
      await client.connect(transport, { timeout: Math.max(config.timeoutMs, MIN_CONNECT_TIMEOUT_MS), signal });
    } catch (error) {
      await client.close().catch(() => {});
      if (signal?.aborted) throw abortErrorFrom(signal, error);
      const tail = stderr.trim();
      throw new McpConnectError(config.name, tail ? new Error(`${describeError(error)}; the process wrote: ${tail}`) : error);
    }
    return connection;
  }

  /** Every tool the server offers, following `nextCursor` page by page. */
  async listTools(signal?: AbortSignal): Promise<McpToolInfo[]> {
    const tools: McpToolInfo[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_TOOL_PAGES; page++) {
      const result = await this.client.listTools(cursor ? { cursor } : undefined, { timeout: this.config.timeoutMs, signal });
      for (const tool of result.tools) {
        tools.push({
          name: tool.name,
          ...(tool.title ? { title: tool.title } : tool.annotations?.title ? { title: tool.annotations.title } : {}),
          description: tool.description ?? "",
          inputSchema: tool.inputSchema as Record<string, unknown>,
        });
      }
      cursor = result.nextCursor;
      if (!cursor) return tools;
      if (seen.has(cursor)) throw new Error(`MCP server "${this.config.name}" repeated the tool list cursor "${cursor}"`);
      seen.add(cursor);
    }
    throw new Error(`MCP server "${this.config.name}" listed more than ${MAX_TOOL_PAGES} pages of tools`);
  }

  /**
   * Calls a tool within the server's timeout. A tool error, a timeout or a lost connection
   * comes back as `{ ok: false }` for the model; an abort of `signal` rejects with an AbortError.
   */
  async callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolRunResult> {
    if (signal.aborted) throw abortErrorFrom(signal);
    let resumable = false;
    const onresumptiontoken = () => {
      if (!resumable) this.resumableCalls++;
      resumable = true;
    };
    try {
      const result = await this.client.callTool({ name, arguments: args }, undefined, { timeout: this.config.timeoutMs, signal, onresumptiontoken });
      return toToolRunResult(result as Parameters<typeof toToolRunResult>[0], this.maxOutputChars);
    } catch (error) {
      if (signal.aborted) throw abortErrorFrom(signal, error);
      return { ok: false, error: this.describeCallError(name, error) };
    } finally {
      if (resumable) this.resumableCalls--;
    }
  }

  private describeCallError(name: string, error: unknown): string {
    const where = `MCP tool "${name}" on "${this.config.name}"`;
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return `${where} did not answer within ${this.config.timeoutMs} ms`;
    }
    if (this.lost || (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)) {
      const tail = this.stderrTail();
      return `${where} failed: the connection to the server was lost${tail ? ` (the process wrote: ${tail})` : ""}`;
    }
    return `${where} failed: ${describeError(error)}`;
  }

  /** Ends the session; for stdio the SDK stops the process (SIGTERM, then SIGKILL). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close().catch(() => {});
  }
}
