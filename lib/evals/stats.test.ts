import { describe, expect, it } from "vitest";
import { percentile, significantlyWorse, wilsonInterval } from "./stats";

describe("wilsonInterval", () => {
  it("matches published values", () => {
    // 8 of 10 at 95%: 0.4902–0.9433 (Wilson 1927; e.g. Newcombe 1998, table I).
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 3);
    expect(high).toBeCloseTo(0.9433, 3);
  });

  it("stays inside [0, 1] at the extremes and narrows with more cases", () => {
    expect(wilsonInterval(0, 20).low).toBe(0);
    expect(wilsonInterval(0, 20).high).toBeCloseTo(0.1611, 3);
    expect(wilsonInterval(20, 20).high).toBe(1);
    const small = wilsonInterval(5, 10);
    const large = wilsonInterval(500, 1000);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("significantlyWorse", () => {
  it("flags a clear drop and tolerates noise", () => {
    expect(significantlyWorse(48, 50, 30, 50)).toBe(true);
    expect(significantlyWorse(45, 50, 43, 50)).toBe(false);
    expect(significantlyWorse(40, 50, 45, 50)).toBe(false);
  });
});

describe("percentile", () => {
  it("takes the nearest rank", () => {
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.95)).toBe(95);
    expect(percentile([], 0.5)).toBeNull();
  });
});
