import { z } from "zod";

/** Longest a call may be given per server; a run should not hang on one tool for longer. */
export const MAX_MCP_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_MCP_TIMEOUT_MS = 60_000;

// RFC 9110 token characters, so a stored name is always a valid header.
const headerNameSchema = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, { error: "is not a valid header name" });
const envNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, { error: "is not a valid environment variable name" });

/** A remote server over Streamable HTTP; `headers` (e.g. a bearer token) are secrets. */
export const mcpHttpTransportSchema = z.object({
  type: z.literal("http"),
  url: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).max(2000),
  headers: z.record(headerNameSchema, z.string().max(8000)).default({}),
});

/** A local process speaking MCP on stdin/stdout; `env` values are secrets. */
export const mcpStdioTransportSchema = z.object({
  type: z.literal("stdio"),
  command: z.string().trim().min(1).max(500),
  args: z.array(z.string().max(2000)).max(50).default([]),
  env: z.record(envNameSchema, z.string().max(8000)).default({}),
});

export const mcpTransportSchema = z.discriminatedUnion("type", [mcpHttpTransportSchema, mcpStdioTransportSchema]);

export type McpTransport = z.infer<typeof mcpTransportSchema>;

/** Everything needed to reach one MCP server. */
export interface McpServerConfig {
  /** Stable id (part of every tool id of the server). */
  id: string;
  /** What users call it; the picker groups its tools under it. */
  name: string;
  transport: McpTransport;
  /** Per-call time limit. */
  timeoutMs: number;
}

/** A tool as the server lists it. */
export interface McpToolInfo {
  name: string;
  title?: string;
  description: string;
  /** JSON schema of the arguments. */
  inputSchema: Record<string, unknown>;
}
