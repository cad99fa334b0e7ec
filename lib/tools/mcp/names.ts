import { createHash } from "node:crypto";

const TOOL_ID_PREFIX = "mcp:";
const FUNCTION_NAME_MAX = 64;
const HASH_LENGTH = 8;

/** The stable id a graph node stores for an MCP tool: `mcp:<serverId>:<toolName>`. */
export function mcpToolId(serverId: string, toolName: string): string {
  return `${TOOL_ID_PREFIX}${serverId}:${toolName}`;
}

/** Splits an MCP tool id; null for any other tool name. Server ids never contain ":", tool names may. */
export function parseMcpToolId(id: string): { serverId: string; toolName: string } | null {
  if (!id.startsWith(TOOL_ID_PREFIX)) return null;
  const rest = id.slice(TOOL_ID_PREFIX.length);
  const colon = rest.indexOf(":");
  if (colon <= 0 || colon === rest.length - 1) return null;
  return { serverId: rest.slice(0, colon), toolName: rest.slice(colon + 1) };
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, HASH_LENGTH);
}

function sanitize(text: string): string {
  return text.replace(/[^a-zA-Z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
}

/** What a function name is built from: the tool's id and the words the model should read in it. */
export interface FunctionNameRequest {
  id: string;
  serverName: string;
  toolName: string;
}

/**
 * Gives each tool a Chat Completions function name (`^[a-zA-Z0-9_-]{1,64}$`), unique among
 * themselves and `reserved` (the built-ins): `<server>__<tool>`, sanitized. A name that is too
 * long, or that another tool already took, ends in a hash of the tool's id instead, so the
 * same tools always get the same names.
 */
export function assignFunctionNames(tools: readonly FunctionNameRequest[], reserved: Iterable<string> = []): Map<string, string> {
  const taken = new Set(reserved);
  const names = new Map<string, string>();
  const withHash = (base: string, id: string, salt = "") =>
    `${base.slice(0, FUNCTION_NAME_MAX - HASH_LENGTH - 1)}_${shortHash(id + salt)}`;
  for (const tool of tools) {
    if (names.has(tool.id)) continue;
    const base = [sanitize(tool.serverName), sanitize(tool.toolName)].filter(Boolean).join("__") || "tool";
    let name = base.length <= FUNCTION_NAME_MAX ? base : withHash(base, tool.id);
    if (taken.has(name)) name = withHash(base, tool.id);
    for (let salt = 1; taken.has(name); salt++) name = withHash(base, tool.id, String(salt));
    taken.add(name);
    names.set(tool.id, name);
  }
  return names;
}
