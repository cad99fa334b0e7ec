import type { ChatCompletionMessageParam, ChatCompletionToolMessageParam } from "openai/resources/chat/completions";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import type { ResolvedModel } from "@/lib/models/catalog";
import { errorMessage, isRunStop, RunStoppedError } from "./errors";
import type { NodeScope } from "./events";
import type { InstanceTally } from "./ledger";
import { callModel, type ModelCallResult, type StreamedToolCall } from "./model-call";
import type { RunRuntime } from "./runtime";

/** One instance's conversation with its model. */
export interface ToolLoopRequest {
  scope: NodeScope;
  model: ResolvedModel;
  /** The opening messages (system and user). */
  messages: ChatCompletionMessageParam[];
  toolNames: readonly string[];
  /** Tool calls the instance may make before it must answer. */
  maxToolCalls: number;
  responseFormat?: ResponseFormatJSONSchema;
  maxOutputTokens: number;
  temperature?: number;
  tally: InstanceTally;
}

export interface ToolLoopResult {
  /** The model's final answer. */
  final: ModelCallResult;
  toolCallsMade: number;
}

/**
 * The tool-call loop: model → tool calls → tool results → model, until the model answers
 * without calling a tool. Once `maxToolCalls` calls have run, one last call goes out with
 * `tool_choice: "none"` so the model must answer. Calls beyond the limit in one response are
 * not run; the model is told so. Tool calls of one response run concurrently.
 */
export async function runToolLoop(rt: RunRuntime, req: ToolLoopRequest): Promise<ToolLoopResult> {
  const tools = req.toolNames.length > 0 ? rt.tools.definitions(req.toolNames) : [];
  // The model may only run the node's own tools, whatever name it comes up with.
  const offered = new Set(tools.map((tool) => (tool.type === "function" ? tool.function.name : tool.custom.name)));
  const messages = [...req.messages];
  let made = 0;
  for (;;) {
    const mustAnswer = made >= req.maxToolCalls;
    const result = await callModel(rt, {
      scope: req.scope,
      model: req.model,
      messages,
      ...(tools.length > 0 ? { tools, toolChoice: mustAnswer ? "none" : "auto" } : {}),
      ...(req.responseFormat ? { responseFormat: req.responseFormat } : {}),
      maxOutputTokens: req.maxOutputTokens,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      tally: req.tally,
    });
    if (result.toolCalls.length === 0 || mustAnswer || tools.length === 0) return { final: result, toolCallsMade: made };

    messages.push({
      role: "assistant",
      content: result.content || null,
      tool_calls: result.toolCalls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } })),
    });
    const allowed = Math.max(0, req.maxToolCalls - made);
    for (const call of result.toolCalls) {
      const source = offered.has(call.name) ? rt.tools.describe?.(call.name) : undefined;
      rt.emit({ type: "node.tool_call", ...req.scope, callId: call.id, tool: call.name, arguments: call.arguments, ...(source ? { source } : {}) });
    }
    const replies = await Promise.all(
      result.toolCalls.map((call, i) =>
        !offered.has(call.name)
          ? refuseTool(rt, req.scope, call, `Unknown tool "${call.name}". Available tools: ${[...offered].join(", ")}.`)
          : i < allowed
            ? runTool(rt, req.scope, call)
            : refuseTool(rt, req.scope, call, `Not run: the limit of ${req.maxToolCalls} tool calls was reached. Answer with what you have.`),
      ),
    );
    made += Math.min(allowed, result.toolCalls.length);
    messages.push(...replies);
  }
}

async function runTool(rt: RunRuntime, scope: NodeScope, call: StreamedToolCall): Promise<ChatCompletionToolMessageParam> {
  const lease = rt.lease();
  const started = rt.clock.now();
  let ok: boolean;
  let output: string;
  try {
    const result = await rt.tools.run(call.name, call.arguments, lease.signal);
    ok = result.ok;
    output = result.ok ? result.output : result.error;
  } catch (error) {
    if (isRunStop(error, lease.signal)) throw new RunStoppedError();
    ok = false;
    output = `Tool "${call.name}" failed: ${errorMessage(error)}`;
  } finally {
    lease.release();
  }
  if (rt.signal.aborted) throw new RunStoppedError();
  rt.emit({ type: "node.tool_result", ...scope, callId: call.id, tool: call.name, ok, output, durationMs: Math.max(0, rt.clock.now() - started) });
  return { role: "tool", tool_call_id: call.id, content: ok ? output : `Error: ${output}` };
}

function refuseTool(rt: RunRuntime, scope: NodeScope, call: StreamedToolCall, reason: string): ChatCompletionToolMessageParam {
  rt.emit({ type: "node.tool_result", ...scope, callId: call.id, tool: call.name, ok: false, output: reason, durationMs: 0 });
  return { role: "tool", tool_call_id: call.id, content: `Error: ${reason}` };
}
