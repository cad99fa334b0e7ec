import type { z } from "zod";
import type { DocumentReader } from "./documents/reader";

/** What the engine hands every tool call: cancellation and per-run network policy. */
export interface ToolContext {
  /** Aborted when the run is cancelled; tools stop work and reject with an AbortError. */
  signal: AbortSignal;
  /**
   * Operator-approved destinations `fetch_url` may reach although they are not public:
   * `"host"` (any port), `"host:port"`, IPs (`"[::1]:8080"`) and CIDRs (`"10.0.0.0/8"`).
   */
  fetchAllowHosts?: readonly string[];
  /** The run's attached document collections, for `list_files`, `read_file` and `search_files`. */
  documents?: DocumentReader;
}

/**
 * One tool an executor node can call. `parameters` is the single source of truth for the
 * arguments: it validates the model's JSON and becomes the JSON schema the model sees.
 */
export interface ToolDefinition<P extends z.ZodObject = z.ZodObject> {
  /** Stable id used in graph documents and by the model (`^[a-zA-Z0-9_-]{1,64}$`). */
  name: string;
  /** Human label for the canvas and inspector. */
  title: string;
  /** What the model reads to decide when and how to call the tool. */
  description: string;
  parameters: P;
  /**
   * Runs the tool with validated arguments and returns the text the model sees.
   * Throws on failure; the message goes back to the model.
   * (Method syntax on purpose: lets tools with specific schemas share one registry type.)
   */
  execute(args: z.infer<P>, ctx: ToolContext): Promise<string>;
}

/** Any registered tool, whatever its parameter schema. */
export type AnyToolDefinition = ToolDefinition<z.ZodObject>;

/** Identity helper that infers `execute`'s argument type from `parameters` and keeps the literal name. */
export function defineTool<const N extends string, P extends z.ZodObject>(
  def: ToolDefinition<P> & { name: N },
): ToolDefinition<P> & { name: N } {
  return def;
}
