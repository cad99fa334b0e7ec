import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG } from "./catalog";
import { addUsage, baselineNanoUsd, costNanoUsd, formatUsd, nanoToUsd, usageFromCompletion, ZERO_USAGE, type Usage } from "./cost";

const flagship = DEFAULT_CATALOG.models["gpt-5.4"].pricing;
const mini = DEFAULT_CATALOG.models["gpt-5.4-mini"].pricing;
const nano = DEFAULT_CATALOG.models["gpt-5.4-nano"].pricing;

const usage = (inputTokens: number, cachedInputTokens: number, outputTokens: number, reasoningTokens = 0): Usage => ({
  inputTokens,
  cachedInputTokens,
  outputTokens,
  reasoningTokens,
});

describe("costNanoUsd", () => {
  it("prices uncached input, cached input and output exactly", () => {
    // 1,034,567 × 2,500 + 200,000 × 250 + 98,765 × 15,000 nano-dollars
    expect(costNanoUsd(usage(1_234_567, 200_000, 98_765), flagship)).toBe(2_586_417_500 + 50_000_000 + 1_481_475_000);
    expect(costNanoUsd(usage(1_234_567, 200_000, 98_765), flagship)).toBe(4_117_892_500);
  });

  it("is exact where floating point is not", () => {
    // 3 × 0.075 / 1e6 in floats is 2.2499999999999997e-7; in nano-dollars it is exactly 225.
    expect(costNanoUsd(usage(3, 3, 0), mini)).toBe(225);
    expect(costNanoUsd(usage(1000, 0, 1000), nano)).toBe(200_000 + 1_250_000);
    // A price below a nano-dollar per token rounds once, half up, at the end.
    expect(costNanoUsd(usage(3, 0, 0), { inputPerMillion: 0.0375, cachedInputPerMillion: 0, outputPerMillion: 0 })).toBe(113);
  });

  it("bills reasoning as output (it is already inside outputTokens)", () => {
    expect(costNanoUsd(usage(0, 0, 100, 80), flagship)).toBe(1_500_000);
  });

  it("is null, never 0, for an unpriced model", () => {
    expect(costNanoUsd(usage(10, 0, 10), undefined)).toBeNull();
    expect(costNanoUsd(ZERO_USAGE, null)).toBeNull();
    expect(costNanoUsd(ZERO_USAGE, flagship)).toBe(0);
  });
});

describe("baselineNanoUsd", () => {
  it("prices the same tokens on the flagship model, never below the cheaper tiers", () => {
    const u = usage(50_000, 20_000, 8_000, 0);
    const base = baselineNanoUsd(u, DEFAULT_CATALOG)!;
    expect(base).toBe(costNanoUsd(u, flagship));
    expect(base).toBeGreaterThanOrEqual(costNanoUsd(u, mini)!);
    expect(base).toBeGreaterThanOrEqual(costNanoUsd(u, nano)!);
    expect(costNanoUsd(u, mini)! / base).toBeCloseTo(0.3, 5);
  });

  it("is null when the flagship model is unpriced", () => {
    const catalog = { ...DEFAULT_CATALOG, tiers: { ...DEFAULT_CATALOG.tiers, flagship: "unknown-model" } };
    expect(baselineNanoUsd(usage(1, 0, 1), catalog)).toBeNull();
  });
});

describe("usage", () => {
  it("reads the provider's usage, cached and reasoning details included", () => {
    expect(
      usageFromCompletion({
        prompt_tokens: 2048,
        completion_tokens: 300,
        total_tokens: 2348,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 64 },
      }),
    ).toEqual(usage(2048, 1024, 300, 64));
    expect(usageFromCompletion({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 })).toEqual(usage(5, 0, 2, 0));
    expect(usageFromCompletion(undefined)).toEqual(ZERO_USAGE);
  });

  it("adds usages field by field", () => {
    expect(addUsage(usage(10, 2, 5, 1), usage(20, 0, 7, 3), ZERO_USAGE)).toEqual(usage(30, 2, 12, 4));
    expect(addUsage()).toEqual(ZERO_USAGE);
  });
});

describe("formatUsd", () => {
  it("shows small costs to a ten-thousandth of a dollar and larger ones to the cent", () => {
    expect(formatUsd(12_345_678)).toBe("$0.0123");
    expect(formatUsd(49_999)).toBe("<$0.0001");
    expect(formatUsd(50_000)).toBe("$0.0001");
    expect(formatUsd(999_960_000)).toBe("$1.00");
    expect(formatUsd(4_117_892_500)).toBe("$4.12");
    expect(formatUsd(1_234_567_890_123)).toBe("$1,234.57");
    expect(formatUsd(-25_000_000)).toBe("-$0.0250");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(null)).toBe("unpriced");
    expect(nanoToUsd(4_117_892_500)).toBeCloseTo(4.1178925, 9);
  });
});
