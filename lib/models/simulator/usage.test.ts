import { describe, expect, it } from "vitest";
import { createModelClient } from "../client";

// About 2,000 tokens of stable instructions, as a long system prompt would be.
const LONG_SYSTEM = Array.from({ length: 120 }, (_, i) => `Rule ${i + 1}: cite a source for every figure about topic ${i} and keep units consistent.`).join("\n");

describe("prompt caching", () => {
  it("reports cached tokens for a repeated long prefix, in 128-token steps from 1024", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const call = (question: string, model = "gpt-5.4-mini") =>
      client.chat.completions.create({
        model,
        messages: [
          { role: "system", content: LONG_SYSTEM },
          { role: "user", content: question },
        ],
      });
    const first = await call("How do wind turbines store energy?");
    expect(first.usage!.prompt_tokens).toBeGreaterThan(1500);
    expect(first.usage!.prompt_tokens_details?.cached_tokens).toBe(0);

    const second = await call("Which metals do batteries need?");
    const cached = second.usage!.prompt_tokens_details!.cached_tokens!;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect((cached - 1024) % 128).toBe(0);
    // Everything but the differing question (and the tokens after it) is cached, up to the last full step.
    expect(cached).toBeLessThan(second.usage!.prompt_tokens);
    expect(second.usage!.prompt_tokens - cached).toBeLessThan(128 + 40);

    const repeat = await call("Which metals do batteries need?");
    expect(repeat.usage!.prompt_tokens_details?.cached_tokens).toBe(repeat.usage!.prompt_tokens - (repeat.usage!.prompt_tokens - 1024) % 128);

    // The cache is per model.
    const otherModel = await call("Which metals do batteries need?", "gpt-5.4-nano");
    expect(otherModel.usage!.prompt_tokens_details?.cached_tokens).toBe(0);
  });

  it("never caches prompts under 1024 tokens", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    for (let i = 0; i < 2; i++) {
      const res = await client.chat.completions.create({ model: "gpt-5.4-mini", messages: [{ role: "user", content: "Short question about owls." }] });
      expect(res.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    }
  });

  it("counts tool definitions and the response schema as prompt tokens", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const messages = [{ role: "user" as const, content: "Plan a garden." }];
    const plain = await client.chat.completions.create({ model: "gpt-5.4-nano", messages });
    const withSchema = await client.chat.completions.create({
      model: "gpt-5.4-nano",
      messages,
      response_format: {
        type: "json_schema",
        json_schema: { name: "plan", schema: { type: "object", properties: { steps: { type: "array", items: { type: "string" } } }, required: ["steps"] } },
      },
    });
    expect(withSchema.usage!.prompt_tokens).toBeGreaterThan(plain.usage!.prompt_tokens + 10);
  });
});
