/**
 * Whether this server may start MCP servers as local processes. A stdio server runs a command
 * on the Tierflow host with the app's privileges, so it is off unless the operator opts in.
 */

/** `1` (or `true`) allows any command; a comma-separated list allows exactly those commands. */
export const MCP_STDIO_ENV = "TIERFLOW_MCP_STDIO";

/** The operator's stdio setting: off, any command, or only the listed ones. */
export type StdioPolicy = { enabled: false } | { enabled: true; commands: ReadonlySet<string> | null };

/** Reads the policy from the environment; unset, empty, `0` and `false` mean off. */
export function stdioPolicy(env: Record<string, string | undefined>): StdioPolicy {
  const raw = (env[MCP_STDIO_ENV] ?? "").trim();
  if (raw === "" || raw === "0" || raw.toLowerCase() === "false") return { enabled: false };
  if (raw === "1" || raw.toLowerCase() === "true") return { enabled: true, commands: null };
  const commands = raw.split(",").map((entry) => entry.trim()).filter(Boolean);
  return { enabled: true, commands: new Set(commands) };
}

/** Thrown before any process starts when the policy does not allow the command. */
export class StdioRefusedError extends Error {
  readonly retryable = false;

  constructor(readonly command: string, reason: string) {
    super(reason);
    this.name = "StdioRefusedError";
  }
}

/** Throws `StdioRefusedError` unless `command` may be started; commands match the allow-list exactly. */
export function assertStdioAllowed(command: string, policy: StdioPolicy): void {
  if (!policy.enabled) {
    throw new StdioRefusedError(
      command,
      `stdio MCP servers are turned off on this Tierflow server; the operator can allow them with ${MCP_STDIO_ENV}=1 or a list of commands`,
    );
  }
  if (policy.commands && !policy.commands.has(command)) {
    throw new StdioRefusedError(
      command,
      `The command "${command}" is not in ${MCP_STDIO_ENV} (allowed: ${[...policy.commands].join(", ") || "none"})`,
    );
  }
}
