import { afterEach, describe, expect, it } from "vitest";
import { createModelClient } from "../client";
import { timingFor } from "./latency";
import { createRng } from "./random";
import { simSpeedFromEnv } from "./speed";

const WORK = { uncachedPromptTokens: 500, reasoningTokens: 0 };

/** Wall time of one simulated answer of ~300 tokens from the mini tier at `speed`. */
async function answerMs(speed: number): Promise<number> {
  const { client } = createModelClient({ simulator: { speed, seed: 3 } });
  const start = performance.now();
  await client.chat.completions.create({ model: "gpt-5.4-mini", messages: [{ role: "user", content: "Describe a harbour. [sim:tokens=300]" }] });
  return performance.now() - start;
}

describe("simulator speed is a speed-up factor", () => {
  const env = process.env.TIERFLOW_SIM_SPEED;
  afterEach(() => {
    process.env.TIERFLOW_SIM_SPEED = env;
  });

  it("makes speed 3 three times faster than speed 1, and 0.5 twice as slow", () => {
    const at = (speed: number) => timingFor("gpt-5.4", WORK, speed, createRng(11));
    const realistic = at(1);
    expect(realistic.firstTokenMs).toBeGreaterThan(700);
    expect(at(3).firstTokenMs).toBeCloseTo(realistic.firstTokenMs / 3);
    expect(at(3).perTokenMs).toBeCloseTo(realistic.perTokenMs / 3);
    expect(at(0.5).perTokenMs).toBeCloseTo(realistic.perTokenMs * 2);
    expect(at(0)).toEqual({ firstTokenMs: 0, perTokenMs: 0 });
  });

  it("answers a real request sooner at speed 3 than at speed 1", async () => {
    await answerMs(0); // pays for tokenizer warm-up
    const fast = await answerMs(3);
    const realistic = await answerMs(1);
    // ~350 ms + 300 tokens at 150/s ≈ 2.4 s realistic; a third of that at speed 3.
    expect(realistic).toBeGreaterThan(2000);
    expect(fast).toBeLessThan(realistic / 2);
    expect(fast).toBeGreaterThan(realistic / 4);
  }, 10_000);

  it("reads TIERFLOW_SIM_SPEED with the same meaning: 0 instant, unset or nonsense realistic", () => {
    process.env.TIERFLOW_SIM_SPEED = "0";
    expect(simSpeedFromEnv()).toBe(0);
    process.env.TIERFLOW_SIM_SPEED = "4";
    expect(simSpeedFromEnv()).toBe(4);
    for (const raw of ["", "fast", "-1", "0.01"]) {
      process.env.TIERFLOW_SIM_SPEED = raw;
      expect(simSpeedFromEnv()).toBe(1);
    }
  });

});
