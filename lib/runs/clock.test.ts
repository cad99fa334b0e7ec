import { describe, expect, it } from "vitest";
import { scaledClock } from "./clock";

async function sleptMs(speed: number, ms: number): Promise<number> {
  const start = performance.now();
  await scaledClock(speed).sleep(ms, new AbortController().signal);
  return performance.now() - start;
}

describe("scaledClock", () => {
  it("shortens the engine's waits by the simulator's speed-up factor, as the model's latency is", async () => {
    const fast = await sleptMs(4, 400);
    expect(fast).toBeGreaterThanOrEqual(90);
    expect(fast).toBeLessThan(250);
    expect(await sleptMs(1, 200)).toBeGreaterThanOrEqual(195);
    expect(await sleptMs(0, 10_000)).toBeLessThan(20);
  });
});
