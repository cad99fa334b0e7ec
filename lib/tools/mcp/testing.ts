/**
 * Real MCP servers for tests, started from node_modules (never downloaded at test time):
 * the reference `everything`, `filesystem` and `memory` servers, and a small in-process SDK
 * server for behaviour the reference servers do not show (paginated tool lists, huge output).
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { DEFAULT_MCP_TIMEOUT_MS, type McpServerConfig } from "./config";
import type { StdioPolicy } from "./stdio-policy";

const serverBin = (pkg: string) => path.join(process.cwd(), "node_modules", "@modelcontextprotocol", pkg, "dist", "index.js");

/** Entry points of the reference servers installed as devDependencies. */
export const MCP_SERVER_BINS = {
  everything: serverBin("server-everything"),
  filesystem: serverBin("server-filesystem"),
  memory: serverBin("server-memory"),
};

/** A stdio policy that lets tests start `node`. */
export const NODE_STDIO: StdioPolicy = { enabled: true, commands: new Set([process.execPath]) };

/** A server config that starts one of the reference servers over stdio with this node. */
export function stdioServer(id: string, args: string[], env: Record<string, string> = {}, timeoutMs = DEFAULT_MCP_TIMEOUT_MS): McpServerConfig {
  return { id, name: id, transport: { type: "stdio", command: process.execPath, args, env }, timeoutMs };
}

/** A server config for a Streamable HTTP endpoint. */
export function httpServer(id: string, url: string, headers: Record<string, string> = {}, timeoutMs = DEFAULT_MCP_TIMEOUT_MS): McpServerConfig {
  return { id, name: id, transport: { type: "http", url, headers }, timeoutMs };
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A reference server process serving Streamable HTTP at `url`. */
export interface RunningHttpServer {
  url: string;
  process: ChildProcess;
  /** POST requests the server has logged receiving: a call is in flight once its POST is counted. */
  posts(): number;
  stop(): Promise<void>;
}

/** Counts the POST requests `server-everything` logs on stdout. */
export function countEverythingPosts(child: ChildProcess): () => number {
  let posts = 0;
  child.stdout!.on("data", (chunk: Buffer) => {
    posts += chunk.toString().split("Received MCP POST request").length - 1;
  });
  return () => posts;
}

/** Starts `server-everything streamableHttp` on a free loopback port and waits until it listens. */
export async function startEverythingHttp(): Promise<RunningHttpServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [MCP_SERVER_BINS.everything, "streamableHttp"], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const posts = countEverythingPosts(child);
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`server-everything did not start: ${output}`)), 15_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on port")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`server-everything exited with ${code}: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    process: child,
    posts,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Handlers of the in-process test server. */
export interface TestServerBehaviour {
  /** Pages of tools; page `n` answers the cursor `"page-n"`. */
  pages: Tool[][];
  call?: (name: string, args: Record<string, unknown>) => CallToolResult | Promise<CallToolResult>;
}

/** An in-process MCP server over stateless Streamable HTTP; `requests` counts `initialize` handshakes. */
export async function startTestMcpServer(behaviour: TestServerBehaviour) {
  const stats = { initializations: 0, headers: [] as http.IncomingHttpHeaders[] };
  const httpServer = http.createServer(async (req, res) => {
    stats.headers.push(req.headers);
    const server = new Server({ name: "test", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.oninitialized = () => stats.initializations++;
    server.setRequestHandler(ListToolsRequestSchema, ({ params }) => {
      const index = params?.cursor ? Number(params.cursor.replace("page-", "")) : 0;
      const next = index + 1 < behaviour.pages.length ? `page-${index + 1}` : undefined;
      return { tools: behaviour.pages[index] ?? [], ...(next ? { nextCursor: next } : {}) };
    });
    server.setRequestHandler(CallToolRequestSchema, async ({ params }) =>
      behaviour.call ? behaviour.call(params.name, params.arguments ?? {}) : { content: [], isError: true },
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    stats,
    stop: () => new Promise<void>((resolve) => httpServer.close(() => resolve())),
  };
}
