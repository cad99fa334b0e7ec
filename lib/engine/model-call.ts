import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import type { ResolvedModel } from "@/lib/models/catalog";
import { CallMeter, promptTokenCounter } from "./call-meter";
import { isRunStop, NodeError, RunStoppedError } from "./errors";
import type { NodeScope } from "./events";
import type { InstanceTally } from "./ledger";
import { classifyFault, retryDelayMs } from "./retry";
import { readChatChunks } from "./sse";
import type { ProviderRoute } from "./provider-routes";
import type { RunRuntime } from "./runtime";

/** One model call of a node instance. */
export interface ModelCallRequest {
  scope: NodeScope;
  model: ResolvedModel;
  messages: ChatCompletionMessageParam[];
  tools?: ChatCompletionTool[];
  toolChoice?: "auto" | "none";
  responseFormat?: ResponseFormatJSONSchema;
  maxOutputTokens: number;
  temperature?: number;
  /** The instance's usage accumulator. */
  tally: InstanceTally;
}

/** A tool call assembled from streamed fragments. */
export interface StreamedToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ModelCallResult {
  content: string;
  refusal: string;
  toolCalls: StreamedToolCall[];
  finishReason: ChatCompletionChunk.Choice["finish_reason"];
}

let generatedCallIds = 0;

/** Wraps an error thrown while reading an already-open stream: those are retried like 5xx. */
class MidStreamError {
  constructor(readonly cause: unknown) {}
}

/**
 * Makes one streamed Chat Completions call for a node instance: holds a run-wide model slot per
 * attempt, turns text deltas into `node.delta` events as they arrive, assembles tool-call
 * fragments, and reports each attempt's usage and cost as `node.usage` — estimated, and marked
 * so, for an attempt that ended without a usage report (cut off, stopped, retried). Transient
 * provider faults are retried with backoff (`node.retry` before each retry); a permanent one, or
 * running out of attempts, throws a `NodeError` with the provider's message. A run stop throws
 * `RunStoppedError`.
 */
export async function callModel(rt: RunRuntime, req: ModelCallRequest): Promise<ModelCallResult> {
  const provider = rt.providers.for(req.model);
  const lease = rt.lease();
  const promptTokens = promptTokenCounter(req);
  try {
    for (let attempt = 1; ; attempt++) {
      let delayMs: number;
      const paused = provider.ready(rt.clock, lease.signal);
      if (paused) {
        try {
          await paused;
        } catch (error) {
          if (isRunStop(error, lease.signal)) throw new RunStoppedError();
          throw error;
        }
      }
      const release = await rt.modelSlots.acquire(lease.signal);
      const meter = new CallMeter(rt, req, promptTokens, provider);
      try {
        // The budget may have tripped on this call's prompt alone: then nothing goes out.
        if (lease.signal.aborted) {
          meter.discard();
          throw new RunStoppedError();
        }
        return await streamOnce(rt, provider, req, lease.signal, meter);
      } catch (error) {
        if (isRunStop(error instanceof MidStreamError ? error.cause : error, lease.signal)) throw new RunStoppedError();
        if (error instanceof NodeError) throw error;
        const midStream = error instanceof MidStreamError;
        const fault = classifyFault(midStream ? error.cause : error, midStream, rt.clock.now());
        if (!fault.retryable) throw new NodeError(`Model call to ${req.model.id} failed: ${fault.reason}`);
        if (attempt >= rt.retry.maxAttempts) {
          throw new NodeError(`Model call to ${req.model.id} failed after ${attempt} attempts: ${fault.reason}`);
        }
        delayMs = retryDelayMs(rt.retry, attempt, fault.retryAfterMs);
        // The provider asked everyone to slow down: its other calls wait too, other providers' do not.
        if (fault.rateLimited) provider.pause(rt.clock, delayMs);
        // The cut attempt is billed: its usage goes out before the retry that drops its text.
        meter.settle();
        rt.emit({ type: "node.retry", ...req.scope, attempt: attempt + 1, delayMs, reason: fault.reason });
      } finally {
        // Whatever went out and was not discarded is billed, even when the run stops.
        meter.settle();
        release();
      }
      try {
        await rt.clock.sleep(delayMs, lease.signal);
      } catch (error) {
        if (isRunStop(error, lease.signal)) throw new RunStoppedError();
        throw error;
      }
    }
  } finally {
    lease.release();
  }
}

async function streamOnce(rt: RunRuntime, provider: ProviderRoute, req: ModelCallRequest, signal: AbortSignal, meter: CallMeter): Promise<ModelCallResult> {
  const params: ChatCompletionCreateParamsStreaming = provider.adapter.request({
    model: req.model.id,
    messages: req.messages,
    stream: true,
    stream_options: { include_usage: true },
    max_completion_tokens: req.maxOutputTokens,
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.tools?.length ? { tools: req.tools, tool_choice: req.toolChoice ?? "auto" } : {}),
    ...(req.responseFormat ? { response_format: req.responseFormat } : {}),
  });
  let response: Response;
  try {
    response = await provider.client.chat.completions.create(params, { signal, maxRetries: 0 }).asResponse();
  } catch (error) {
    // An error status or a failed connection is not billed; a stop while the model works may be.
    if (!isRunStop(error, signal)) meter.discard();
    throw error;
  }

  let finishReason: ModelCallResult["finishReason"] = null;
  const scope = req.scope;
  try {
    for await (const chunk of readChatChunks(response)) {
      if (chunk.usage) meter.reported = provider.adapter.usage(chunk.usage);
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.finish_reason) finishReason = choice.finish_reason;
      const delta = choice.delta;
      meter.add(delta);
      if (delta.content) rt.emit({ type: "node.delta", nodeId: scope.nodeId, instance: scope.instance, iteration: scope.iteration, text: delta.content });
      if (signal.aborted) throw new RunStoppedError();
    }
  } catch (error) {
    throw new MidStreamError(error);
  }
  // A server that ignores include_usage never reports usage: the call is recorded as estimated.
  meter.settle();
  if (signal.aborted) throw new RunStoppedError();

  const toolCalls = meter.toolCalls.filter((call) => call !== undefined && call.name !== "");
  // Some OpenAI-compatible servers omit call ids; the conversation needs unique ones to pair results.
  for (const call of toolCalls) if (!call.id) call.id = `call_tierflow_${(++generatedCallIds).toString(36)}`;
  return { content: meter.content, refusal: meter.refusal, toolCalls, finishReason };
}

/** Why a model's answer may be unusable, for error messages; empty when nothing stands out. */
export function describeFinish(result: ModelCallResult): string {
  if (result.refusal) return `the model refused: ${result.refusal}`;
  if (result.finishReason === "length") return "the answer was cut off at the output token limit (raise Max output tokens)";
  if (result.finishReason === "content_filter") return "the answer was blocked by the provider's content filter";
  return "";
}
