import { decode } from "gpt-tokenizer/encoding/o200k_base";
import { REASONING_SHARE } from "../catalog";
import { citedFiles, filePlan, instanceWithSources, withSources } from "./documents";
import { generateInstance } from "./json-schema";
import type { Rng } from "./random";
import { hashKey } from "./random";
import { messageText, type SimRequest } from "./request";
import { applyQuality } from "./quality";
import { simulatorReasons } from "./reasoning";
import { findVerdictEnum } from "./schema-utils";
import { answer, sentences } from "./text";
import { decideToolCalls, type ToolCallPlan } from "./tool-calls";
import type { Topic } from "./topic";
import { countTextTokens, encodeText, toolCallTokens } from "../tokens";
import type { Counter } from "./faults";

/** What the simulated assistant says on one turn, with its completion token counts. */
export interface AssistantTurn {
  content: string | null;
  /** The turn's tool calls (several: parallel calls); absent for a text answer. */
  toolCalls?: ToolCallPlan[];
  finishReason: "stop" | "length" | "tool_calls";
  /** Visible output tokens (content or tool call). */
  outputTokens: number;
  /** Hidden reasoning tokens (flagship tier only, see `simulatorReasons`); billed as completion tokens. */
  reasoningTokens: number;
}

export interface TurnInputs {
  req: SimRequest;
  topic: Topic;
  rng: Rng;
  /** Verdict requests seen per system prompt, for `[sim:revise=N]`. */
  revisions: Counter;
  /** False for an attempt that will fail anyway (a cut stream): it must not use up a revise round. */
  commit: boolean;
}

const SNIPPET_CHARS = 200;

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= SNIPPET_CHARS) return flat;
  const cut = flat.slice(0, SNIPPET_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), SNIPPET_CHARS / 2))}…`;
}

function parseArgs(args: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(args);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Opening sentences that report the tool results in the conversation (the latest three). */
function toolFindings(req: SimRequest): string[] {
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  for (const m of req.body.messages) {
    for (const c of m.tool_calls ?? []) calls.set(c.id, { name: c.function.name, args: parseArgs(c.function.arguments) });
  }
  const results = req.body.messages.filter((m) => m.role === "tool" || m.role === "function").slice(-3);
  return results.map((m) => {
    const call = m.tool_call_id ? calls.get(m.tool_call_id) : undefined;
    const name = call?.name ?? m.name ?? "tool";
    const result = snippet(messageText(m)) || "(empty)";
    const expression = call?.args.expression ?? call?.args.expr;
    if (typeof expression === "string") return `Using ${name}, ${expression} comes to ${result}.`;
    const path = call?.args.path;
    if (typeof path === "string") return `\`${path}\` (read with ${name}) shows: "${result}"`;
    const url = call?.args.url;
    if (typeof url === "string") return `The page at ${url} (fetched with ${name}) says: "${result}"`;
    return `The ${name} tool returned: ${result}`;
  });
}

/** The text cut to `limit` tokens: at the last sentence that fits, or mid-sentence when `hard`. */
function trimToTokens(text: string, limit: number, hard: boolean): string {
  const tokens = encodeText(text);
  if (tokens.length <= limit) return text;
  const cut = decode(tokens.slice(0, limit));
  if (hard) return cut;
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf(".\n"));
  return end > 0 ? cut.slice(0, end + 1) : cut;
}

function decideVerdict(inputs: TurnInputs, schema: Record<string, unknown>): "approve" | "revise" | undefined {
  if (!findVerdictEnum(schema, schema)) return undefined;
  const rounds = inputs.req.directives.revise ?? 0;
  const systemPrompt = inputs.req.texts.filter((t) => t.role === "system" || t.role === "developer").map((t) => t.text);
  const key = hashKey(systemPrompt.join("\n"));
  const seen = inputs.commit ? inputs.revisions.bump(key) - 1 : inputs.revisions.get(key);
  return seen < rounds ? "revise" : "approve";
}

/**
 * Decides the assistant's turn: a tool call, a structured-output JSON instance, or prose about
 * the conversation of about `[sim:tokens=N]` tokens (default 120–260), within the output limit.
 */
export function planTurn(inputs: TurnInputs): AssistantTurn {
  const { req, topic, rng } = inputs;
  const share = REASONING_SHARE.low + (REASONING_SHARE.high - REASONING_SHARE.low) * rng.fork("reasoning").next();
  const reasoningShare = simulatorReasons(req.model) ? share : 0;
  const limit = req.maxTokens;
  const withReasoning = (turn: Omit<AssistantTurn, "reasoningTokens">): AssistantTurn => {
    const wanted = Math.round(turn.outputTokens * reasoningShare);
    const room = limit === undefined ? wanted : Math.max(0, limit - turn.outputTokens);
    return { ...turn, reasoningTokens: Math.min(wanted, room) };
  };

  const toolCalls = decideToolCalls(req, topic, rng.fork("tools"));
  if (toolCalls.length > 0) {
    const outputTokens = toolCalls.reduce((sum, call) => sum + toolCallTokens(call.name, call.arguments), 0);
    return withReasoning({ content: null, toolCalls, finishReason: "tool_calls", outputTokens });
  }

  let content: string;
  let hardLimit = true;
  if (req.schema) {
    const verdict = decideVerdict(inputs, req.schema);
    const instance = filePlan(req, req.schema) ?? generateInstance(req.schema, { rng: rng.fork("schema"), topic, items: req.directives.items, verdict });
    content = JSON.stringify(instanceWithSources(instance, citedFiles(req)));
  } else if (req.jsonObject) {
    const textRng = rng.fork("json");
    content = JSON.stringify({ summary: sentences(topic, textRng, 1), details: sentences(topic, textRng, 3) });
  } else {
    const requested = req.directives.tokens;
    const target = requested ?? rng.fork("length").int(120, 260);
    // A default-length answer fits the limit; an explicitly long one runs into it and is cut ("length").
    const bounded = limit === undefined || requested !== undefined ? target : Math.min(target, limit);
    content = withSources(answer(topic, rng.fork("text"), bounded, toolFindings(req)), citedFiles(req));
    hardLimit = requested !== undefined;
  }
  content = applyQuality(req, content, Boolean(req.schema || req.jsonObject));

  let outputTokens = countTextTokens(content);
  let finishReason: AssistantTurn["finishReason"] = "stop";
  if (limit !== undefined && outputTokens > limit) {
    content = trimToTokens(content, limit, hardLimit);
    // A model cut off at the limit generated exactly `limit` tokens, even if the cut text re-tokenizes shorter.
    outputTokens = hardLimit ? limit : countTextTokens(content);
    if (hardLimit) finishReason = "length";
  }
  return withReasoning({ content, finishReason, outputTokens });
}
