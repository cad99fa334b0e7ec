/**
 * A workspace's MCP servers: saved with their header or env values encrypted (never returned
 * again, only their names), checked on every save and refresh (connect, list the tools, keep
 * the list and the status), and handed to runs as a tool set.
 */
import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/auth/secrets";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { BlockedHostError, checkOutboundUrl, outboundAllowHosts } from "@/lib/tools";
import {
  DEFAULT_MCP_TIMEOUT_MS,
  MAX_MCP_TIMEOUT_MS,
  McpConnection,
  mcpToolId,
  mcpTransportSchema,
  StdioRefusedError,
  assertStdioAllowed,
  stdioPolicy,
  type McpConnectOptions,
  type McpServerConfig,
  type McpServerTools,
  type McpToolInfo,
  type McpTransport,
} from "@/lib/tools/mcp";

type Env = Record<string, string | undefined>;

/** A listed tool with the stable id a node stores. */
export interface McpToolSummary extends McpToolInfo {
  id: string;
}

/** `GET /api/v1/mcp-servers`: a server as members see it; secret values never leave the server. */
export interface McpServerSummary {
  id: string;
  name: string;
  transport: "http" | "stdio";
  url: string | null;
  command: string | null;
  args: string[];
  /** Names of the stored headers (http) or environment variables (stdio). */
  secretNames: string[];
  timeoutMs: number;
  status: "connected" | "error";
  /** Why the last check failed. */
  statusError: string | null;
  checkedAt: string;
  tools: McpToolSummary[];
}

const nameSchema = z.string().trim().min(1).max(60);
const timeoutSchema = z.number().int().min(1000).max(MAX_MCP_TIMEOUT_MS);

/** `POST /api/v1/mcp-servers`. */
export const createMcpServerBody = z.object({ name: nameSchema, timeoutMs: timeoutSchema.optional(), transport: mcpTransportSchema });

/**
 * `PATCH /api/v1/mcp-servers/:id`. A new `transport` replaces the old one, except that a
 * header or env entry sent with an empty value keeps its stored value (so a token need not be typed again).
 */
export const updateMcpServerBody = z.object({ name: nameSchema.optional(), timeoutMs: timeoutSchema.optional(), transport: mcpTransportSchema.optional() });

export type CreateMcpServerBody = z.infer<typeof createMcpServerBody>;
/** What a client sends to create one (defaults not yet applied). */
export type CreateMcpServerInput = z.input<typeof createMcpServerBody>;
export type UpdateMcpServerBody = z.infer<typeof updateMcpServerBody>;
/** What a client sends to change one (defaults not yet applied). */
export type UpdateMcpServerInput = z.input<typeof updateMcpServerBody>;

/** A stored server, secrets encrypted. */
export type McpServerRow = Prisma.McpServerGetPayload<object>;
type Row = McpServerRow;

// A save waits this long for the server to answer; a slower one is saved with the error and can be refreshed.
const CHECK_TIMEOUT_MS = 15_000;

const stringList = z.array(z.string()).catch([]);
const toolList = z
  .array(z.object({ name: z.string(), title: z.string().optional(), description: z.string(), inputSchema: z.record(z.string(), z.unknown()) }))
  .catch([]);

function secretsOf(transport: McpTransport): Record<string, string> {
  return transport.type === "http" ? transport.headers : transport.env;
}

function summaryOf(row: Row): McpServerSummary {
  return {
    id: row.id,
    name: row.name,
    transport: row.transport === "stdio" ? "stdio" : "http",
    url: row.url,
    command: row.command,
    args: stringList.parse(row.args ?? []),
    secretNames: stringList.parse(row.secretNames ?? []),
    timeoutMs: row.timeoutMs,
    status: row.status === "connected" ? "connected" : "error",
    statusError: row.statusError,
    checkedAt: row.checkedAt.toISOString(),
    tools: toolList.parse(row.tools).map((tool) => ({ ...tool, id: mcpToolId(row.id, tool.name) })),
  };
}

function storedSecrets(row: Row): Record<string, string> {
  if (!row.secretsEncrypted) return {};
  try {
    return z.record(z.string(), z.string()).parse(JSON.parse(decryptSecret(row.secretsEncrypted)));
  } catch {
    throw new AppError("conflict", `The secrets of MCP server "${row.name}" can no longer be read (was TIERFLOW_SECRET changed?). An owner can enter them again.`);
  }
}

function configOf(row: Row): McpServerConfig {
  const secrets = storedSecrets(row);
  const transport: McpTransport =
    row.transport === "stdio"
      ? { type: "stdio", command: row.command ?? "", args: stringList.parse(row.args ?? []), env: secrets }
      : { type: "http", url: row.url ?? "", headers: secrets };
  return { id: row.id, name: row.name, transport, timeoutMs: row.timeoutMs };
}

function connectOptions(env: Env): McpConnectOptions {
  return { stdio: stdioPolicy(env), allowHosts: outboundAllowHosts(env) };
}

/** Refuses at save time what the run would refuse anyway: stdio that is off, an address the guard blocks. */
async function assertAllowed(transport: McpTransport, env: Env): Promise<void> {
  try {
    if (transport.type === "stdio") assertStdioAllowed(transport.command, stdioPolicy(env));
    else await checkOutboundUrl(new URL(transport.url), outboundAllowHosts(env));
  } catch (error) {
    if (error instanceof StdioRefusedError) throw unprocessable(["transport", "command"], error.message);
    if (error instanceof BlockedHostError) throw unprocessable(["transport", "url"], `This URL is not allowed: ${error.reason}.`);
    // DNS trouble is not a verdict: the check below records it as the status.
  }
}

function unprocessable(path: string[], message: string): AppError {
  return new AppError("unprocessable", message, [{ path, message }]);
}

/** Connects, lists the tools and closes: the status and tool list a save or refresh stores. */
interface CheckResult {
  status: "connected" | "error";
  statusError: string | null;
  /** Absent when the check failed: the last listed tools stay, so a passing outage does not break graphs. */
  tools?: Prisma.InputJsonValue;
  checkedAt: Date;
}

async function check(config: McpServerConfig, env: Env): Promise<CheckResult> {
  const checkedAt = new Date();
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  let connection: McpConnection | undefined;
  try {
    connection = await McpConnection.open(config, connectOptions(env), signal);
    const tools = await connection.listTools(signal);
    return { status: "connected", statusError: null, tools: tools as unknown as Prisma.InputJsonValue, checkedAt };
  } catch (error) {
    const message = signal.aborted
      ? `The server did not answer within ${CHECK_TIMEOUT_MS / 1000} s`
      : error instanceof Error
        ? error.message
        : String(error);
    return { status: "error", statusError: message.slice(0, 2000), checkedAt };
  } finally {
    await connection?.close();
  }
}

function transportColumns(transport: McpTransport) {
  const secrets = secretsOf(transport);
  const names = Object.keys(secrets);
  return {
    transport: transport.type,
    url: transport.type === "http" ? transport.url : null,
    command: transport.type === "stdio" ? transport.command : null,
    args: transport.type === "stdio" ? transport.args : [],
    secretsEncrypted: names.length ? encryptSecret(JSON.stringify(secrets)) : null,
    secretNames: names,
  };
}

async function loadRow(workspaceId: string, id: string): Promise<Row> {
  const row = await db.mcpServer.findFirst({ where: { id, workspaceId } });
  if (!row) throw AppError.notFound("MCP server");
  return row;
}

async function assertNameFree(workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await db.mcpServer.findFirst({ where: { workspaceId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new AppError("conflict", `An MCP server named "${name}" already exists in this workspace.`, [{ path: ["name"], message: "is taken" }]);
}

/** The workspace's servers, by name. */
export async function listMcpServers(workspaceId: string): Promise<McpServerSummary[]> {
  const rows = await db.mcpServer.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
  return rows.map(summaryOf);
}

/** Saves a new server, then checks it; the answer carries its status and tools. */
export async function createMcpServer(workspaceId: string, body: CreateMcpServerBody, env: Env = process.env): Promise<McpServerSummary> {
  await assertNameFree(workspaceId, body.name);
  await assertAllowed(body.transport, env);
  const timeoutMs = body.timeoutMs ?? DEFAULT_MCP_TIMEOUT_MS;
  const status = await check({ id: "new", name: body.name, transport: body.transport, timeoutMs }, env);
  const row = await db.mcpServer.create({
    data: {
      workspaceId,
      name: body.name,
      timeoutMs,
      ...transportColumns(body.transport),
      ...status,
      tools: status.tools ?? [],
    },
  });
  return summaryOf(row);
}

/** Keeps the stored value of every secret sent empty, when the transport type stays the same. */
function mergeSecrets(next: McpTransport, stored: McpServerConfig): McpTransport {
  if (next.type !== stored.transport.type) return next;
  const previous = secretsOf(stored.transport);
  const merged = Object.fromEntries(Object.entries(secretsOf(next)).map(([key, value]) => [key, value === "" ? (previous[key] ?? "") : value]));
  return next.type === "http" ? { ...next, headers: merged } : { ...next, env: merged };
}

/** Changes a server and checks it again. */
export async function updateMcpServer(workspaceId: string, id: string, body: UpdateMcpServerBody, env: Env = process.env): Promise<McpServerSummary> {
  const row = await loadRow(workspaceId, id);
  if (body.name && body.name !== row.name) await assertNameFree(workspaceId, body.name, id);
  const stored = configOf(row);
  const transport = body.transport ? mergeSecrets(body.transport, stored) : stored.transport;
  if (body.transport) await assertAllowed(transport, env);
  const config = { id, name: body.name ?? row.name, transport, timeoutMs: body.timeoutMs ?? row.timeoutMs };
  const updated = await db.mcpServer.update({
    where: { id },
    data: { name: config.name, timeoutMs: config.timeoutMs, ...(body.transport ? transportColumns(transport) : {}), ...(await check(config, env)) },
  });
  return summaryOf(updated);
}

/** Lists the server's tools again and stores the new status. */
export async function refreshMcpServer(workspaceId: string, id: string, env: Env = process.env): Promise<McpServerSummary> {
  const row = await loadRow(workspaceId, id);
  const updated = await db.mcpServer.update({ where: { id }, data: await check(configOf(row), env) });
  return summaryOf(updated);
}

/** Removes a server; nodes that use its tools then show an unknown-tool problem. */
export async function deleteMcpServer(workspaceId: string, id: string): Promise<{ id: string }> {
  await loadRow(workspaceId, id);
  await db.mcpServer.delete({ where: { id } });
  return { id };
}

/** What a run needs to call the workspace's MCP tools: each server's config (secrets decrypted) and listed tools. */
export async function workspaceMcpServers(workspaceId: string, env: Env = process.env): Promise<WorkspaceMcpServers> {
  return mcpServersOf(await db.mcpServer.findMany({ where: { workspaceId }, ...mcpServerRowsQuery }), env);
}

/** A run's MCP servers: each config (secrets decrypted) with its listed tools, and how to connect. */
export interface WorkspaceMcpServers {
  servers: McpServerTools[];
  options: McpConnectOptions;
}

/** How a run's server rows are read, wherever they are loaded. */
export const mcpServerRowsQuery = { orderBy: { name: "asc" } } as const;

/** `workspaceMcpServers` from rows already loaded. */
export function mcpServersOf(rows: readonly McpServerRow[], env: Env = process.env): WorkspaceMcpServers {
  const servers = rows.map((row) => ({ config: configOf(row), tools: toolList.parse(row.tools) }));
  return { servers, options: connectOptions(env) };
}
