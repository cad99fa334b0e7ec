import { countTokens, encode } from "gpt-tokenizer/encoding/o200k_base";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { applyCatalogOverrides, DEFAULT_CATALOG, modelReasons, REASONING_SHARE, resolveModel } from "./catalog";
import { createModelClient } from "./client";
import { countPromptTokens, countTextTokens, encodeText, estimateStreamedUsage } from "./tokens";

const messages: ChatCompletionMessageParam[] = [
  { role: "system", content: "You extract the key fact." },
  { role: "user", content: "The Rhine is 1,233 km long and flows through six countries." },
  { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "calculator", arguments: '{"expression":"1233/6"}' } }] },
  { role: "tool", tool_call_id: "call_1", content: "205.5" },
];
const tools: ChatCompletionTool[] = [
  { type: "function", function: { name: "calculator", description: "Evaluates arithmetic.", parameters: { type: "object", properties: { expression: { type: "string" } }, required: ["expression"] } } },
];
const schema = { type: "object", properties: { fact: { type: "string" } }, required: ["fact"], additionalProperties: false };

describe("countPromptTokens", () => {
  it("counts a request's prompt exactly as the simulator reports it, tools and schema included", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const res = await client.chat.completions.create({
      model: "gpt-5.4-mini",
      messages,
      tools,
      response_format: { type: "json_schema", json_schema: { name: "fact", schema, strict: true } },
    });
    expect(countPromptTokens({ messages, tools, schema })).toBe(res.usage!.prompt_tokens);
    // Plain messages: 3 framing tokens + the role + the content each, 3 more to prime the reply.
    const plain = messages.slice(0, 2);
    expect(countPromptTokens({ messages: plain })).toBe(plain.reduce((n, m) => n + 3 + countTokens(m.role) + countTokens(m.content as string), 3));
  });
});

describe("estimateStreamedUsage", () => {
  it("adds the typical hidden reasoning share for a non-flagship tier that reasons", () => {
    const mini = resolveModel(DEFAULT_CATALOG, "mini");
    expect(mini.info?.tier).toBe("mini");
    expect(modelReasons(mini)).toBe(true);
    const usage = estimateStreamedUsage({ promptTokens: 300, outputTokens: 200, visibleReasoningTokens: 0, reasons: modelReasons(mini) });
    const reasoning = Math.round(200 * REASONING_SHARE.expected);
    expect(reasoning).toBeGreaterThan(0);
    expect(usage).toEqual({ inputTokens: 300, cachedInputTokens: 0, outputTokens: 200 + reasoning, reasoningTokens: reasoning });
  });

  it("counts visible reasoning instead of guessing, and none for a model that does not reason", () => {
    expect(estimateStreamedUsage({ promptTokens: 10, outputTokens: 100, visibleReasoningTokens: 40, reasons: true })).toMatchObject({ outputTokens: 140, reasoningTokens: 40 });
    const plain = applyCatalogOverrides(DEFAULT_CATALOG, { tiers: { nano: "llama3.2" }, models: { "llama3.2": { pricing: { inputPerMillion: 0, outputPerMillion: 0 } } } });
    const llama = resolveModel(plain, "nano");
    expect(modelReasons(llama)).toBe(false);
    expect(estimateStreamedUsage({ promptTokens: 10, outputTokens: 100, visibleReasoningTokens: 0, reasons: modelReasons(llama) })).toMatchObject({ outputTokens: 100, reasoningTokens: 0 });
  });
});

describe("remembered encodings", () => {
  it("answer a repeated text with the ids and count a fresh encoding gives", () => {
    const text = "You are the reviewer. Check every claim against the sources, and say which ones fail. ".repeat(3);
    const first = encodeText(text);
    expect(encodeText(text)).toBe(first);
    expect([...first]).toEqual(encode(text));
    expect(countTextTokens(text)).toBe(first.length);
    expect(countTextTokens(`${text}!`)).toBe(encode(`${text}!`).length);
  });
});
