import { APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { createModelClient } from "../client";
import { createSimulator } from "./simulator";

const body = (model: string, content: string, stream = false) =>
  JSON.stringify({ model, stream, messages: [{ role: "user", content }] });

describe("latency", () => {
  it("answers nano before mini before flagship", async () => {
    const { client } = createModelClient({ simulator: { speed: 10 } });
    const timeOf = async (model: string) => {
      const start = performance.now();
      await client.chat.completions.create({ model, messages: [{ role: "user", content: "Describe a lighthouse. [sim:tokens=150]" }] });
      return performance.now() - start;
    };
    await timeOf("warm-up-nano"); // first call pays for module and tokenizer warm-up
    const [nano, mini, flagship] = [await timeOf("gpt-5.4-nano"), await timeOf("gpt-5.4-mini"), await timeOf("gpt-5.4")];
    expect(nano).toBeLessThan(mini);
    expect(mini).toBeLessThan(flagship);
    // flagship: ~700 ms + reasoning + 150 tokens at 70/s ≈ 3 s of model time, at 10× speed.
    expect(flagship).toBeGreaterThan(100);
  });

  it("delays the first streamed token by the tier's time to first token", async () => {
    const sim = createSimulator({ speed: 5 });
    const start = performance.now();
    const res = await sim.handle(new Request("http://sim/v1/chat/completions", { method: "POST", body: body("gpt-5.4", "Hello", true) }));
    const reader = res.body!.getReader();
    await reader.read();
    expect(performance.now() - start).toBeGreaterThan((700 * 0.9) / 5 - 5);
    await reader.cancel();
  });

  it("stops a slow stream promptly when the caller aborts", async () => {
    const { client } = createModelClient({ simulator: { speed: 1 } });
    const controller = new AbortController();
    const startedAt = performance.now();
    const stream = await client.chat.completions.create(
      { model: "gpt-5.4-mini", stream: true, messages: [{ role: "user", content: "Write a long essay on bridges. [sim:tokens=2000]" }] },
      { signal: controller.signal },
    );
    let chunks = 0;
    let abortedAt = 0;
    for await (const chunk of stream) {
      void chunk;
      if (++chunks === 3) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    expect(chunks).toBeLessThan(10);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    // 2000 tokens at 150 tokens/s would take over 13 s.
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it("stops the body the simulator is producing when the request signal aborts", async () => {
    const sim = createSimulator({ speed: 1 });
    const controller = new AbortController();
    const res = await sim.handle(
      new Request("http://sim/v1/chat/completions", { method: "POST", body: body("gpt-5.4-nano", "Essay on rivers [sim:tokens=2000]", true), signal: controller.signal }),
    );
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    const start = performance.now();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - start).toBeLessThan(100);
  });

  it("aborts a non-streamed wait", async () => {
    const { client } = createModelClient({ simulator: { speed: 1 } });
    const start = performance.now();
    await expect(
      client.chat.completions.create(
        { model: "gpt-5.4", messages: [{ role: "user", content: "Hello" }] },
        { signal: AbortSignal.timeout(50) },
      ),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(performance.now() - start).toBeLessThan(400);
  });

  it("runs instantly at speed 0", async () => {
    const { client } = createModelClient({ simulator: { speed: 0 } });
    const start = performance.now();
    await client.chat.completions.create({ model: "gpt-5.4", messages: [{ role: "user", content: "Essay on rivers [sim:tokens=1500]" }] });
    expect(performance.now() - start).toBeLessThan(500);
  });
});
