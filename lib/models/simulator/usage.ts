import { countTokens, encode } from "gpt-tokenizer/encoding/o200k_base";
import { canonicalJson } from "./random";
import { messageText, type SimRequest } from "./request";

// User text may contain strings like "<|endoftext|>"; count them as plain text instead of throwing.
const PLAIN = { disallowedSpecial: new Set<string>() };

/** Tokens in `text` under o200k_base (the GPT-4o / GPT-5 family encoding). */
export function countTextTokens(text: string): number {
  return text ? countTokens(text, PLAIN) : 0;
}

export function encodeText(text: string): number[] {
  return text ? encode(text, PLAIN) : [];
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
 * `<start> assistant <sep>` priming the reply. Its length is the reported `prompt_tokens`.
 */
export function promptTokenSequence(req: SimRequest): number[] {
  const seq: number[] = [];
  const push = (tokens: number[]) => {
    for (const t of tokens) seq.push(t);
  };
  if (req.body.tools?.length) {
    seq.push(TOOLS);
    push(encodeText(canonicalJson(req.body.tools)));
  }
  if (req.schema) {
    seq.push(SCHEMA);
    push(encodeText(canonicalJson(req.schema)));
  }
  for (const m of req.body.messages) {
    seq.push(START);
    push(encodeText(m.role));
    if (m.name) push(encodeText(m.name));
    seq.push(SEPARATOR);
    push(encodeText(messageText(m)));
    for (const call of m.tool_calls ?? []) push(encodeText(`${call.function.name}(${call.function.arguments})`));
    seq.push(END);
  }
  seq.push(START);
  push(encodeText("assistant"));
  seq.push(SEPARATOR);
  return seq;
}

/** Completion tokens of a tool call: its name and arguments plus a little framing. */
export function toolCallTokens(name: string, args: string): number {
  return countTextTokens(name) + countTextTokens(args) + 3;
}

/** OpenAI caches prompts from this many tokens up… */
export const CACHE_MIN_TOKENS = 1024;
/** …in steps of this many tokens. */
export const CACHE_INCREMENT = 128;
const MAX_CACHE_ENTRIES = 200_000;

/**
 * A prompt cache modelled on OpenAI's: a prompt of 1024+ tokens reuses the longest prefix an
 * earlier prompt to the same model shared with it, counted in 128-token steps from 1024.
 * Each step boundary is remembered as a hash of the prefix up to it.
 */
export class PrefixCache {
  private readonly seen = new Map<string, true>();

  /** Cached tokens for this prompt, and remembers its prefixes for later prompts. */
  lookupAndStore(model: string, tokens: readonly number[]): number {
    if (tokens.length < CACHE_MIN_TOKENS) return 0;
    let h1 = 0x811c9dc5;
    let h2 = 0x9e3779b9;
    let cached = 0;
    const boundaries: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      h1 = Math.imul(h1 ^ tokens[i], 0x01000193);
      h2 = Math.imul(h2 ^ (tokens[i] + i), 0x5bd1e995) ^ (h2 >>> 15);
      const length = i + 1;
      if (length >= CACHE_MIN_TOKENS && (length - CACHE_MIN_TOKENS) % CACHE_INCREMENT === 0) {
        const key = `${model}\u0000${length}\u0000${h1 >>> 0}\u0000${h2 >>> 0}`;
        if (this.seen.has(key)) cached = length;
        boundaries.push(key);
      }
    }
    for (const key of boundaries) {
      this.seen.delete(key);
      this.seen.set(key, true);
    }
    this.evict();
    return cached;
  }

  private evict(): void {
    if (this.seen.size <= MAX_CACHE_ENTRIES) return;
    const drop = this.seen.size - Math.floor(MAX_CACHE_ENTRIES * 0.9);
    const keys = this.seen.keys();
    for (let i = 0; i < drop; i++) this.seen.delete(keys.next().value as string);
  }
}
