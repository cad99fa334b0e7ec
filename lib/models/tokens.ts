import { countTokens, encode } from "gpt-tokenizer/encoding/o200k_base";
import { REASONING_SHARE } from "./catalog";
import type { Usage } from "./cost";
import { canonicalJson } from "./simulator/random";

/**
 * Token counting under o200k_base (the GPT-4o / GPT-5 family encoding): one implementation for
 * the simulator, which reports usage from it, and the engine, which estimates the usage of calls
 * whose provider never reported any (cancelled, cut off, stopped by the budget).
 */

// User text may contain strings like "<|endoftext|>"; count them as plain text instead of throwing.
const PLAIN = { disallowedSpecial: new Set<string>() };

// Prompts repeat across calls and runs (a node's instructions, tool definitions, the response
// schema, upstream outputs handed on), and a simulated reply is encoded once to be trimmed and
// again to be streamed: under a 200-run load BPE encoding was the simulator's largest cost.
// Texts of a useful size are remembered, least recently used first out.
const MEMO_MIN_CHARS = 64;
const MEMO_MAX_CHARS = 16_000;
const MEMO_ENTRIES = 1000;
const memo = new Map<string, readonly number[]>();

function memoEncode(text: string): readonly number[] {
  const hit = memo.get(text);
  if (hit) {
    memo.delete(text);
    memo.set(text, hit);
    return hit;
  }
  const tokens = encode(text, PLAIN);
  if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  memo.set(text, tokens);
  return tokens;
}

const memoable = (text: string) => text.length >= MEMO_MIN_CHARS && text.length <= MEMO_MAX_CHARS;

/** Tokens in `text`. */
export function countTextTokens(text: string): number {
  if (!text) return 0;
  return memoable(text) ? memoEncode(text).length : countTokens(text, PLAIN);
}

/** The token ids of `text` (shared with other callers: do not change the array). */
export function encodeText(text: string): readonly number[] {
  if (!text) return [];
  return memoable(text) ? memoEncode(text) : encode(text, PLAIN);
}

/** A chat message as far as its tokens go: the shape the SDK's message params and the simulator's parsed request share. */
export interface PromptMessage {
  role: string;
  content?: string | readonly { type: string; text?: string }[] | null;
  name?: string;
  tool_calls?: readonly { type?: string; function?: { name: string; arguments: string } }[] | null;
}

/** What a Chat Completions prompt is made of. */
export interface PromptParts {
  messages: readonly PromptMessage[];
  tools?: readonly unknown[] | null;
  /** The structured-output JSON schema, if the request asks for one. */
  schema?: unknown;
}

/** The plain text of a message (text parts joined; images and audio ignored). */
export function messageText(m: PromptMessage): string {
  if (typeof m.content === "string") return m.content;
  if (!m.content) return "";
  return m.content.map((p) => p.text ?? "").join("\n");
}

// Stand-ins for the chat template's special tokens; negative so they never collide with real ids.
const START = -1;
const SEPARATOR = -2;
const END = -3;
const TOOLS = -4;
const SCHEMA = -5;

/**
 * The prompt as the model would see it, as a token sequence: tool definitions and the response
 * schema first (they lead the real prompt, so they are part of any cacheable prefix), then each
 * message as `<start> role <sep> content <end>` (3 tokens of overhead plus the role), then
 * `<start> assistant <sep>` priming the reply. Its length is the `prompt_tokens` the simulator reports.
 */
export function promptTokenSequence(prompt: PromptParts): number[] {
  const seq: number[] = [];
  const push = (tokens: readonly number[]) => {
    for (const t of tokens) seq.push(t);
  };
  if (prompt.tools?.length) {
    seq.push(TOOLS);
    push(encodeText(canonicalJson(prompt.tools)));
  }
  if (prompt.schema) {
    seq.push(SCHEMA);
    push(encodeText(canonicalJson(prompt.schema)));
  }
  for (const m of prompt.messages) {
    seq.push(START);
    push(encodeText(m.role));
    if (m.name) push(encodeText(m.name));
    seq.push(SEPARATOR);
    push(encodeText(messageText(m)));
    for (const call of m.tool_calls ?? []) if (call.function) push(encodeText(`${call.function.name}(${call.function.arguments})`));
    seq.push(END);
  }
  seq.push(START);
  push(encodeText("assistant"));
  seq.push(SEPARATOR);
  return seq;
}

/** Prompt tokens of a request. */
export function countPromptTokens(prompt: PromptParts): number {
  return promptTokenSequence(prompt).length;
}

/** Completion tokens of a tool call: its name and arguments plus a little framing. */
export function toolCallTokens(name: string, args: string): number {
  return countTextTokens(name) + countTextTokens(args) + 3;
}

/** What a call had streamed when it ended without a usage report, in tokens. */
export interface StreamedTokens {
  promptTokens: number;
  /** Visible output: text, refusal and tool calls. */
  outputTokens: number;
  /** Reasoning the server streamed visibly (`reasoning_content` / `reasoning` deltas); 0 when hidden. */
  visibleReasoningTokens: number;
  /** The model bills hidden reasoning (`ModelInfo.reasoning`). */
  reasons: boolean;
}

/**
 * The usage a provider bills for a call it never reported: the whole prompt (uncached: a cache
 * hit cannot be known), what was streamed, and reasoning — the visible reasoning when the
 * server streamed it, else for a reasoning model the typical hidden share of its output.
 */
export function estimateStreamedUsage(streamed: StreamedTokens): Usage {
  const hidden = streamed.visibleReasoningTokens > 0 || !streamed.reasons ? 0 : Math.round(streamed.outputTokens * REASONING_SHARE.expected);
  const reasoningTokens = streamed.visibleReasoningTokens + hidden;
  return {
    inputTokens: streamed.promptTokens,
    cachedInputTokens: 0,
    outputTokens: streamed.outputTokens + reasoningTokens,
    reasoningTokens,
  };
}
