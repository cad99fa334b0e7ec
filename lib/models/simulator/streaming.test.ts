import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { createModelClient } from "../client";

const sim = () => createModelClient({ simulator: { speed: 0 } }).client;
const TASK = "Compare the energy efficiency of heat pumps and gas boilers for a family home in Oslo.";
const SYSTEM = "You are a careful research assistant.";
// Per message: 3 framing tokens + the role + the content; 3 more prime the reply.
const promptTokens = (...messages: [string, string][]) =>
  messages.reduce((n, [role, content]) => n + 3 + countTokens(role) + countTokens(content), 3);

describe("chat completions through the SDK", () => {
  it("streams content deltas and a final usage chunk that match the tokenizer", async () => {
    const stream = await sim().chat.completions.create({
      model: "gpt-5.4-nano",
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: "system", content: SYSTEM },
        { role: "user", content: TASK },
      ],
    });
    const deltas: string[] = [];
    let finish: string | null = null;
    let usage = null;
    let emptyChoicesChunks = 0;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      expect(chunk.model).toBe("gpt-5.4-nano");
      if (chunk.choices.length === 0) emptyChoicesChunks++;
      for (const choice of chunk.choices) {
        if (choice.delta.content) deltas.push(choice.delta.content);
        finish = choice.finish_reason ?? finish;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    const text = deltas.join("");
    expect(deltas.length).toBeGreaterThan(50);
    expect(text).toMatch(/heat pumps|gas boilers|energy efficiency/);
    expect(finish).toBe("stop");
    expect(emptyChoicesChunks).toBe(1);
    expect(usage).toMatchObject({
      prompt_tokens: promptTokens(["system", SYSTEM], ["user", TASK]),
      completion_tokens: countTokens(text),
      total_tokens: promptTokens(["system", SYSTEM], ["user", TASK]) + countTokens(text),
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    // Default answers run ~120–260 tokens.
    expect(countTokens(text)).toBeGreaterThan(90);
    expect(countTokens(text)).toBeLessThanOrEqual(260);
  });

  it("sends no usage chunk without include_usage", async () => {
    const stream = await sim().chat.completions.create({ model: "gpt-5.4-mini", stream: true, messages: [{ role: "user", content: TASK }] });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.choices.length === 1 && !c.usage)).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe("stop");
  });

  it("answers non-streamed with the message, finish reason and usage", async () => {
    const res = await sim().chat.completions.create({ model: "gpt-5.4-mini", messages: [{ role: "user", content: TASK }] });
    const content = res.choices[0].message.content ?? "";
    expect(res.object).toBe("chat.completion");
    expect(res.choices[0].finish_reason).toBe("stop");
    expect(content).toMatch(/Oslo|heat pumps/);
    expect(res.usage?.completion_tokens).toBe(countTokens(content));
    expect(res.usage?.prompt_tokens).toBe(promptTokens(["user", TASK]));
  });

  it("reports flagship reasoning tokens inside completion tokens", async () => {
    const res = await sim().chat.completions.create({ model: "gpt-5.4", messages: [{ role: "user", content: TASK }] });
    const visible = countTokens(res.choices[0].message.content ?? "");
    const reasoning = res.usage?.completion_tokens_details?.reasoning_tokens ?? 0;
    expect(reasoning).toBeGreaterThan(0);
    expect(reasoning).toBeLessThan(visible);
    expect(res.usage?.completion_tokens).toBe(visible + reasoning);
  });

  it("sizes answers by [sim:tokens=N] within max_completion_tokens", async () => {
    const long = await sim().chat.completions.create({ model: "gpt-5.4-nano", messages: [{ role: "user", content: `${TASK} [sim:tokens=600]` }] });
    const longTokens = countTokens(long.choices[0].message.content ?? "");
    expect(longTokens).toBeGreaterThan(540);
    expect(longTokens).toBeLessThanOrEqual(600);
    expect(long.choices[0].message.content).not.toContain("[sim:");

    const capped = await sim().chat.completions.create({
      model: "gpt-5.4-nano",
      max_completion_tokens: 50,
      messages: [{ role: "user", content: `${TASK} [sim:tokens=600]` }],
    });
    expect(capped.usage?.completion_tokens).toBe(50);
    expect(capped.choices[0].finish_reason).toBe("length");

    const bounded = await sim().chat.completions.create({ model: "gpt-5.4-nano", max_tokens: 80, messages: [{ role: "user", content: TASK }] });
    expect(bounded.usage?.completion_tokens).toBeLessThanOrEqual(80);
    expect(bounded.choices[0].finish_reason).toBe("stop");
  });
});
