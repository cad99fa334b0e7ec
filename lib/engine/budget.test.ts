import { describe, expect, it } from "vitest";
import { ZERO_USAGE } from "@/lib/models/cost";
import { BudgetGuard } from "./budget";

const pricing = { inputPerMillion: 1, cachedInputPerMillion: 0.1, outputPerMillion: 10 };
const usage = (inputTokens: number, outputTokens: number) => ({ ...ZERO_USAGE, inputTokens, outputTokens });

describe("BudgetGuard", () => {
  it("trips once committed spend plus the in-flight estimate reaches the budget", () => {
    let trips = 0;
    const guard = new BudgetGuard(100_000, () => trips++);
    guard.commit(50_000);
    const call = guard.open(pricing);
    expect(call.active).toBe(true);
    // 10 prompt tokens × 1,000 nano = 10,000 nano.
    call.update(usage(10, 0));
    expect(guard.exceeded).toBe(false);
    // + 3 output tokens × 10,000 nano: 90,000 in total.
    call.update(usage(10, 3));
    expect(guard.exceeded).toBe(false);
    call.update(usage(10, 4));
    expect(guard.exceeded).toBe(true);
    guard.commit(1_000_000);
    expect(trips).toBe(1);
  });

  it("replaces a call's estimate as it grows and drops it once the call ends", () => {
    const guard = new BudgetGuard(100_000, () => {});
    const call = guard.open(pricing);
    call.update(usage(0, 9)); // 90,000
    call.update(usage(0, 9)); // the same estimate again, not twice
    expect(guard.exceeded).toBe(false);
    call.close();
    call.update(usage(0, 1_000)); // a closed call no longer counts
    guard.commit(99_999);
    expect(guard.exceeded).toBe(false);
    guard.commit(1);
    expect(guard.exceeded).toBe(true);
  });

  it("ignores unpriced calls and runs without a budget", () => {
    const guard = new BudgetGuard(10, () => {});
    const unpriced = guard.open(undefined);
    expect(unpriced.active).toBe(false);
    unpriced.update(usage(1_000_000, 1_000_000));
    guard.commit(null);
    expect(guard.exceeded).toBe(false);
    const unlimited = new BudgetGuard(null, () => {});
    expect(unlimited.open(pricing).active).toBe(false);
    unlimited.commit(1e15);
    expect(unlimited.exceeded).toBe(false);
  });
});
