import { describe, expect, it } from "vitest";
import type { ChatCompletionCreateParamsStreaming } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import { createModelClient } from "../client";
import { createSimulator } from "../simulator";
import { createAdapter, PROMPT_SCHEMA_MARKER } from "./adapter";
import { PROVIDER_KINDS } from "./kinds";

const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"], additionalProperties: false };
const request: ChatCompletionCreateParamsStreaming = {
  model: "m",
  stream: true,
  stream_options: { include_usage: true },
  messages: [
    { role: "system", content: "You plan." },
    { role: "user", content: "Go." },
  ],
  response_format: { type: "json_schema", json_schema: { name: "plan", strict: true, schema } },
};

describe("provider adapters", () => {
  it("leaves a request untouched for a fully compatible provider", () => {
    expect(createAdapter(PROVIDER_KINDS.openai.compat).request(request)).toEqual(request);
  });

  it("drops stream_options and falls back to JSON mode with the schema in the system prompt (Ollama)", () => {
    const adapted = createAdapter(PROVIDER_KINDS.ollama.compat).request(request);
    expect(adapted).not.toHaveProperty("stream_options");
    expect(adapted.response_format).toEqual({ type: "json_object" });
    expect(adapted.messages[0]).toEqual({ role: "system", content: `You plan.\n\n${PROMPT_SCHEMA_MARKER}\n${JSON.stringify(schema)}` });
    expect(adapted.messages[1]).toEqual(request.messages[1]);
    // The caller's request is not modified.
    expect(request.stream_options).toEqual({ include_usage: true });
  });

  it("sends no response_format at all where even JSON mode is ignored (Anthropic), the schema in the prompt", () => {
    const adapted = createAdapter(PROVIDER_KINDS.anthropic.compat).request({ ...request, messages: [{ role: "user", content: "Go." }] });
    expect(adapted).not.toHaveProperty("response_format");
    expect(adapted.stream_options).toEqual({ include_usage: true });
    expect(adapted.messages[0]).toMatchObject({ role: "system", content: expect.stringContaining(PROMPT_SCHEMA_MARKER) });
  });

  it("reads usage under Anthropic-style names and drops cached-token details a provider does not mean", () => {
    const loose = { input_tokens: 120, output_tokens: 30, prompt_tokens_details: { cached_tokens: 99 } } as unknown as CompletionUsage;
    expect(createAdapter(PROVIDER_KINDS.anthropic.compat).usage(loose)).toMatchObject({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 });
    expect(createAdapter(PROVIDER_KINDS.anthropic.compat).usage(loose)).not.toHaveProperty("prompt_tokens_details");
    const openai = { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_tokens_details: { cached_tokens: 8 } };
    expect(createAdapter(PROVIDER_KINDS.openai.compat).usage(openai)).toEqual(openai);
  });
});

describe("the simulator's compatibility profile", () => {
  const compat = createSimulator({ speed: 0, compat: { streamUsage: false, jsonSchema: false }, models: ["llama3.2"] });
  const client = createModelClient({ apiKey: "x", baseURL: "http://ollama.test/v1", fetch: compat.fetch }).client;

  it("answers 400 to stream_options and json_schema, as a vendor's compatibility layer does", async () => {
    await expect(client.chat.completions.create({ ...request, model: "llama3.2" })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("stream_options") });
    const { stream_options: _omit, ...noUsage } = request;
    await expect(client.chat.completions.create({ ...noUsage, model: "llama3.2" })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("json_schema") });
  });

  it("answers an adapted request with JSON that follows the schema from the prompt", async () => {
    const adapted = createAdapter(PROVIDER_KINDS.ollama.compat).request({ ...request, model: "llama3.2" });
    const { stream: _s, ...body } = adapted;
    const answer = await client.chat.completions.create({ ...body, stream: false });
    expect(JSON.parse(answer.choices[0].message.content!)).toEqual({ answer: expect.any(String) });
  });

  it("lists its models at /models", async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(["llama3.2"]);
  });
});
