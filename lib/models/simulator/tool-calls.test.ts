import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { createModelClient } from "../client";

const calculator: ChatCompletionTool = {
  type: "function",
  function: {
    name: "calculator",
    description: "Evaluates an arithmetic expression.",
    parameters: { type: "object", properties: { expression: { type: "string" } }, required: ["expression"], additionalProperties: false },
  },
};
const fetchUrl: ChatCompletionTool = {
  type: "function",
  function: {
    name: "fetch_url",
    description: "Fetches a web page.",
    parameters: { type: "object", properties: { url: { type: "string" } }, required: ["url"], additionalProperties: false },
  },
};
const search: ChatCompletionTool = {
  type: "function",
  function: {
    name: "web_search",
    parameters: {
      type: "object",
      properties: { query: { type: "string" }, limit: { type: "integer", minimum: 1, maximum: 10 } },
      required: ["query"],
    },
  },
};

const client = () => createModelClient({ simulator: { speed: 0 } }).client;

function functionCall(call: unknown): { name: string; arguments: string } {
  const c = call as { type: string; function: { name: string; arguments: string } };
  expect(c.type).toBe("function");
  return c.function;
}

describe("tool calls", () => {
  it("calls a tool, then answers with the tool's result", async () => {
    const c = client();
    const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "A crate holds 12 apples and 30 pears; how much fruit do 4 crates hold?" }];
    const first = await c.chat.completions.create({ model: "gpt-5.4-nano", tools: [fetchUrl, calculator], messages });
    const choice = first.choices[0];
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toHaveLength(1);
    const call = choice.message.tool_calls![0];
    expect(call.id).toMatch(/^call_/);
    expect(functionCall(call)).toEqual({ name: "calculator", arguments: JSON.stringify({ expression: "(12 + 30) * 4" }) });

    messages.push(choice.message, { role: "tool", tool_call_id: call.id, content: "168" });
    const second = await c.chat.completions.create({ model: "gpt-5.4-nano", tools: [fetchUrl, calculator], messages });
    expect(second.choices[0].finish_reason).toBe("stop");
    expect(second.choices[0].message.tool_calls).toBeUndefined();
    expect(second.choices[0].message.content).toContain("(12 + 30) * 4 comes to 168");
  });

  it("fetches a URL only when one appears in the conversation", async () => {
    const c = client();
    const withUrl = await c.chat.completions.create({
      model: "gpt-5.4-mini",
      tools: [calculator, fetchUrl],
      messages: [{ role: "user", content: "Summarise https://example.org/report.html for me." }],
    });
    expect(functionCall(withUrl.choices[0].message.tool_calls![0])).toEqual({
      name: "fetch_url",
      arguments: JSON.stringify({ url: "https://example.org/report.html" }),
    });

    const withoutUrl = await c.chat.completions.create({
      model: "gpt-5.4-mini",
      tools: [fetchUrl],
      messages: [{ role: "user", content: "Summarise the latest report on river pollution." }],
    });
    expect(withoutUrl.choices[0].finish_reason).toBe("stop");
    expect(withoutUrl.choices[0].message.content).toMatch(/river pollution/);
  });

  it("fills other tools' arguments from their schema", async () => {
    const res = await client().chat.completions.create({
      model: "gpt-5.4-mini",
      tools: [search],
      messages: [{ role: "user", content: "What are the health effects of urban noise pollution?" }],
    });
    const fn = functionCall(res.choices[0].message.tool_calls![0]);
    const args = JSON.parse(fn.arguments);
    expect(fn.name).toBe("web_search");
    expect(args.query).toMatch(/health effects|urban noise pollution/);
    expect(args.limit).toBeGreaterThanOrEqual(1);
    expect(args.limit).toBeLessThanOrEqual(10);
  });

  it("obeys tool_choice none, [sim:tool=none] and [sim:tool=name]", async () => {
    const c = client();
    const base = { model: "gpt-5.4-nano", tools: [calculator, search] };
    const none = await c.chat.completions.create({ ...base, tool_choice: "none", messages: [{ role: "user", content: "What is 6 times 7?" }] });
    expect(none.choices[0].message.tool_calls).toBeUndefined();
    const off = await c.chat.completions.create({ ...base, messages: [{ role: "user", content: "What is 6 times 7? [sim:tool=none]" }] });
    expect(off.choices[0].finish_reason).toBe("stop");
    const named = await c.chat.completions.create({ ...base, messages: [{ role: "user", content: "What is 6 times 7? [sim:tool=web_search]" }] });
    expect(functionCall(named.choices[0].message.tool_calls![0]).name).toBe("web_search");
  });

  it("streams a tool call as deltas: index, id and name first, then argument fragments", async () => {
    const stream = await client().chat.completions.create({
      model: "gpt-5.4-nano",
      stream: true,
      tools: [calculator],
      messages: [{ role: "user", content: "What is 1250 times 380?" }],
    });
    const deltas = [];
    let finish = null;
    for await (const chunk of stream) {
      for (const d of chunk.choices[0]?.delta.tool_calls ?? []) deltas.push(d);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(deltas[0]).toMatchObject({ index: 0, type: "function", function: { name: "calculator", arguments: "" } });
    expect(deltas[0].id).toMatch(/^call_/);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.slice(1).every((d) => d.index === 0 && d.id === undefined && d.function?.name === undefined)).toBe(true);
    const args = deltas.map((d) => d.function?.arguments ?? "").join("");
    expect(JSON.parse(args)).toEqual({ expression: "1250 * 380" });
    expect(finish).toBe("tool_calls");
  });
});
