import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import { decodeGenerator } from "gpt-tokenizer/encoding/o200k_base";
import type { AssistantTurn } from "./completion";
import { SIMULATED_HEADER, streamCutError } from "./faults";
import { abortError, sleep, type Timing } from "./latency";
import { encodeText } from "../tokens";

/** Fields every response and chunk of one completion shares. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
}

const FINGERPRINT = "fp_tierflow_sim";

export function usageObject(promptTokens: number, cachedTokens: number, turn: AssistantTurn): CompletionUsage {
  const completion = turn.outputTokens + turn.reasoningTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { cached_tokens: cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: turn.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A non-streamed `chat.completion` body. */
export function completionBody(meta: CompletionMeta, turn: AssistantTurn, usage: CompletionUsage): ChatCompletion {
  const toolCalls = turn.toolCalls?.map((call) => ({ id: call.id, type: "function" as const, function: { name: call.name, arguments: call.arguments } }));
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    system_fingerprint: FINGERPRINT,
    service_tier: "default",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: turn.content, refusal: null, annotations: [], ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: turn.finishReason,
      },
    ],
    usage,
  };
}

/** Text split the way a model streams it: one token per piece (multi-byte characters kept whole). */
function tokenPieces(text: string): string[] {
  return [...decodeGenerator(encodeText(text))];
}

export interface StreamPlan {
  meta: CompletionMeta;
  turn: AssistantTurn;
  usage: CompletionUsage;
  timing: Timing;
  includeUsage: boolean;
  /** Fail the stream after this many content pieces (`[sim:error=cut]`). */
  cutAfter?: number;
}

/**
 * The `chat.completion.chunk`s of a streamed turn, paced by `timing`: a role chunk after the time
 * to first token, then content (or, for a tool call, the call's id and name followed by argument
 * fragments), the finish reason, and with `include_usage` a last chunk with `choices: []` and usage.
 */
export async function* completionChunks(plan: StreamPlan, signal: AbortSignal): AsyncGenerator<ChatCompletionChunk> {
  const { meta, turn, timing } = plan;
  const base = {
    id: meta.id,
    object: "chat.completion.chunk" as const,
    created: meta.created,
    model: meta.model,
    system_fingerprint: FINGERPRINT,
    service_tier: "default" as const,
    ...(plan.includeUsage ? { usage: null } : {}),
  };
  const chunk = (delta: ChatCompletionChunk.Choice.Delta, finish: AssistantTurn["finishReason"] | null = null): ChatCompletionChunk => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });

  const start = performance.now();
  const until = (ms: number) => sleep(start + ms - performance.now(), signal);
  await until(timing.firstTokenMs);

  let opening: ChatCompletionChunk.Choice.Delta = {};
  // Each tool call streams as its own run of chunks: index, id and name first, then argument fragments.
  const pieces: ChatCompletionChunk.Choice.Delta[] = [];
  if (turn.toolCalls) {
    turn.toolCalls.forEach(({ id, name, arguments: args }, index) => {
      const head = { tool_calls: [{ index, id, type: "function" as const, function: { name, arguments: "" } }] };
      if (index === 0) opening = { role: "assistant", content: null, refusal: null, ...head };
      else pieces.push(head);
      for (const piece of tokenPieces(args)) pieces.push({ tool_calls: [{ index, function: { arguments: piece } }] });
    });
  } else {
    opening = { role: "assistant", content: "", refusal: null };
    for (const piece of tokenPieces(turn.content ?? "")) pieces.push({ content: piece });
  }
  yield chunk(opening);

  for (let i = 0; i < pieces.length; i++) {
    if (plan.cutAfter !== undefined && i >= plan.cutAfter) throw streamCutError();
    await until(timing.firstTokenMs + timing.perTokenMs * (i + 1));
    yield chunk(pieces[i]);
  }
  if (plan.cutAfter !== undefined) throw streamCutError();
  if (signal.aborted) throw abortError();
  yield chunk({}, turn.finishReason);
  if (plan.includeUsage) yield { ...base, choices: [], usage: plan.usage };
}

const encoder = new TextEncoder();

/**
 * An SSE response (`data: <json>` events, then `data: [DONE]`) from a chunk generator. Aborting
 * `signal` or cancelling the body stops the generator at its next wait; a generator error errors
 * the body, as a dropped connection would.
 */
export function sseResponse(chunks: AsyncGenerator<ChatCompletionChunk>, stop: AbortController, headers: Record<string, string>): Response {
  let finished = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (finished) return;
      try {
        const next = await chunks.next();
        if (next.done) {
          finished = true;
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          controller.close();
        } else {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(next.value)}\n\n`));
        }
      } catch (error) {
        finished = true;
        controller.error(error);
      }
    },
    cancel() {
      finished = true;
      stop.abort();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", [SIMULATED_HEADER]: "1", ...headers },
  });
}
