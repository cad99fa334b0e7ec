import type { GraphNode } from "@/lib/graph";

/** Tool calls a planner or reviewer instance may make (only executors have the option). */
const DEFAULT_MAX_TOOL_CALLS = 6;

/** Model-call settings every role shares. */
export function callSettings(node: GraphNode): { maxOutputTokens: number; temperature?: number; toolNames: readonly string[]; maxToolCalls: number } {
  const options = node.options;
  if (!("maxOutputTokens" in options)) throw new Error(`Node "${node.label}" (${node.role}) calls no model.`);
  return {
    maxOutputTokens: options.maxOutputTokens,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    toolNames: node.tools,
    maxToolCalls: "maxToolCalls" in options ? options.maxToolCalls : DEFAULT_MAX_TOOL_CALLS,
  };
}
