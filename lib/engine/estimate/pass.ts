import type { GraphNode } from "@/lib/graph";
import { REASONING_SHARE } from "@/lib/models/catalog";
import type { Scenario } from "@/lib/models/estimate";
import { joinPoolOutputs, renderPlan } from "../outputs";
import type { Prompt } from "../prompts";
import type { NodeResult, RevisionNote, UpstreamResult } from "../roles/types";
import type { PassContext, PassUsage, Produced } from "./types";

/**
 * What every role estimator shares: stand-in texts of known size for outputs not produced yet,
 * so the engine's prompt builders can be called as the runners call them, and the arithmetic of
 * one instance's tool loop and prompt cache.
 */

/** Typical sizes, in tokens: the answers the simulator generates, and what real models write about as long. */
export const PROFILE = {
  answer: { low: 120, expected: 175, high: 260 },
  planItem: { low: 42, expected: 50, high: 62 },
  verdict: { low: 95, expected: 125, high: 180 },
  /** A reviewer's feedback a revision pass reads. */
  feedback: 60,
  /** One tool call the model writes: name, arguments, framing. */
  toolCall: 20,
} as const satisfies Record<string, number | Record<Scenario, number>>;

/** Prompt-cache granularity (OpenAI's, and the simulator's). */
const CACHE_MIN = 1024;
const CACHE_STEP = 128;
/** Per message: start, role, separator, end; and the three tokens priming the reply (lib/models/tokens.ts). */
const MESSAGE_OVERHEAD = 4;
const REPLY_PRIMING = 3;
/** An assistant tool-call message and its tool message, beyond the call and the result themselves. */
const TOOL_ROUND_OVERHEAD = 8;

/** Tokens one `search_files` call returns: five chunks' snippets with their `path:lines`. */
const SEARCH_RESULT_TOKENS = 400;
/** A document tool in a run without documents answers with a one-line error. */
const NO_DOCUMENTS_TOKENS = 20;
const FETCH_RESULT_TOKENS = 1500;
const CALCULATOR_RESULT_TOKENS = 8;
const OTHER_RESULT_TOKENS = 150;
const DOCUMENT_TOOL_NAMES = ["list_files", "read_file", "search_files"];

/** A text of `tokens` tokens under o200k and the approximate counter alike ("x x x …"). */
export function filler(tokens: number): string {
  return Array.from({ length: Math.max(1, Math.round(tokens)) }, () => "x").join(" ");
}

export const cacheFloor = (prompt: number) => (prompt < CACHE_MIN ? 0 : CACHE_MIN + Math.floor((prompt - CACHE_MIN) / CACHE_STEP) * CACHE_STEP);

/** Prompt tokens of the messages a builder made, plus tool definitions and a response schema. */
export function promptTokens(ctx: PassContext, prompt: Prompt, schema?: Record<string, unknown>): number {
  const messages = prompt.messages.reduce((n, m) => n + MESSAGE_OVERHEAD + ctx.count(typeof m.content === "string" ? m.content : ""), REPLY_PRIMING);
  return ctx.toolTokens + (schema ? 1 + ctx.count(JSON.stringify(schema)) : 0) + messages;
}

/** A predecessor's result standing in for the real one: its output text (and a pool's instances) at the estimated size. */
function standIn(out: Produced, instances: number): NodeResult {
  if (out.pool) {
    const list = Array.from({ length: instances }, (_, i) => ({ title: `Subtask ${i + 1}`, output: filler(out.perInstance) }));
    return { output: joinPoolOutputs(list), instances: list };
  }
  if (out.routed) {
    const items = Math.max(1, Math.round([...(out.routed?.values() ?? [])].reduce((a, b) => a + b, 0)));
    const each = Math.max(1, out.perInstance / items - 8);
    return { output: renderPlan(Array.from({ length: items }, (_, i) => ({ title: `Subtask ${i + 1}`, instructions: filler(each), executor: "Executor" }))) };
  }
  return { output: filler(out.perInstance) };
}

/**
 * Prompt tokens of `build(upstream)` with stand-ins for `list`. A pool's instance count may be
 * fractional (an expectation): the prompt is measured at the whole counts around it and interpolated.
 */
export function measureWithUpstream(
  list: readonly { node: GraphNode; out: Produced }[],
  measure: (upstream: UpstreamResult[]) => number,
): number {
  const at = (extra: number | null) =>
    measure(list.map(({ node, out }, i) => ({ node, result: standIn(out, Math.floor(out.instances) + (extra === i ? 1 : 0)) })));
  const base = at(null);
  return list.reduce((n, { out }, i) => {
    const fraction = out.pool ? out.instances - Math.floor(out.instances) : 0;
    return fraction > 0 ? n + fraction * (at(i) - base) : n;
  }, base);
}

/** The feedback and previous output a revision pass reads, as the scheduler hands them to the runner. */
export function revisionStandIn(ctx: PassContext): { revision: RevisionNote | null; previous: NodeResult | null } {
  if (!ctx.revisionOf) return { revision: null, previous: null };
  return { revision: { reviewerLabel: "Reviewer", feedback: filler(PROFILE.feedback) }, previous: { output: filler(ctx.revisionOf.perInstance) } };
}

/** Tool-call rounds of one instance: the simulator calls once; a real model anywhere up to the node's limit. */
export function toolRounds(ctx: PassContext, hasTools: boolean, maxToolCalls: number): number {
  if (!hasTools || maxToolCalls <= 0) return 0;
  if (ctx.simulated) return 1;
  return { low: 1, expected: Math.min(2, maxToolCalls), high: maxToolCalls }[ctx.scenario];
}

/** What one tool call of a node returns, in tokens: a file read is the attached files' average size. */
export function toolResultTokens(tools: readonly string[], ctx: PassContext): number {
  const docs = ctx.documents;
  if (docs && tools.includes("read_file")) return docs.readTokens;
  if (docs && tools.includes("search_files")) return SEARCH_RESULT_TOKENS;
  if (!docs && DOCUMENT_TOOL_NAMES.some((name) => tools.includes(name))) return NO_DOCUMENTS_TOKENS;
  if (tools.includes("fetch_url") && /https?:\/\//.test(ctx.input)) return FETCH_RESULT_TOKENS;
  return tools.includes("calculator") ? CALCULATOR_RESULT_TOKENS : OTHER_RESULT_TOKENS;
}

/**
 * One instance: its first call on `prompt` tokens (of which `sharedPrefix` an earlier sibling
 * already sent), `rounds` tool calls each growing the prompt by a call and its result, and the
 * final answer. A reasoning model adds its hidden share to every completion.
 */
export function instanceUsage(ctx: PassContext, prompt: number, final: number, rounds: number, toolResult: number, sharedPrefix = 0): PassUsage {
  let current = prompt;
  const usage: PassUsage = { calls: 1, input: prompt, cached: cacheFloor(sharedPrefix), output: final };
  for (let round = 0; round < rounds; round++) {
    const next = current + TOOL_ROUND_OVERHEAD + PROFILE.toolCall + toolResult;
    usage.calls += 1;
    usage.input += next;
    usage.cached += cacheFloor(current);
    usage.output += PROFILE.toolCall;
    current = next;
  }
  return { ...usage, output: usage.output * (1 + (ctx.reasons ? REASONING_SHARE[ctx.scenario] : 0)) };
}

export const addUsage = (a: PassUsage, b: PassUsage): PassUsage => ({ calls: a.calls + b.calls, input: a.input + b.input, cached: a.cached + b.cached, output: a.output + b.output });
export const scaleUsage = (u: PassUsage, k: number): PassUsage => ({ calls: u.calls * k, input: u.input * k, cached: u.cached * k, output: u.output * k });
