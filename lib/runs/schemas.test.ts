import { describe, expect, it } from "vitest";
import { startRunBody } from "./schemas";

describe("startRunBody", () => {
  it("takes the simulator speed as a speed-up factor, refusing crawl speeds that would look like a hang", () => {
    const speedOf = (speed: number) => startRunBody.safeParse({ input: "Task", simulation: { speed } });
    for (const speed of [0, 0.5, 1, 3, 50]) expect(speedOf(speed).success).toBe(true);
    const crawl = speedOf(0.05);
    expect(crawl.success).toBe(false);
    expect(crawl.error?.issues[0].message).toMatch(/speed-up factor/);
    expect(speedOf(-1).success).toBe(false);
  });
});
