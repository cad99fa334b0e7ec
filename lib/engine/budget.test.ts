import { describe, expect, it } from "vitest";
import { BudgetGuard } from "./budget";

const pricing = { inputPerMillion: 1, cachedInputPerMillion: 0.1, outputPerMillion: 10 };

describe("BudgetGuard", () => {
  it("trips once committed spend plus the in-flight estimate reaches the budget", () => {
    let trips = 0;
    const guard = new BudgetGuard(100_000, () => trips++);
    guard.commit(50_000);
    // 40 prompt characters ≈ 10 tokens × 1000 nano = 10,000 nano.
    const call = guard.open(pricing, 40);
    expect(guard.exceeded).toBe(false);
    // 12 streamed characters ≈ 3 tokens × 10,000 nano = 30,000 nano: 90,000 in total.
    call.addOutput(12);
    expect(guard.exceeded).toBe(false);
    call.addOutput(4);
    expect(guard.exceeded).toBe(true);
    guard.commit(1_000_000);
    expect(trips).toBe(1);
  });

  it("drops a retried attempt's streamed text and a closed call's estimate", () => {
    const guard = new BudgetGuard(100_000, () => {});
    const call = guard.open(pricing, 0);
    call.addOutput(36); // 90,000
    call.resetOutput();
    call.addOutput(36);
    expect(guard.exceeded).toBe(false);
    call.close();
    guard.commit(99_999);
    expect(guard.exceeded).toBe(false);
    guard.commit(1);
    expect(guard.exceeded).toBe(true);
  });

  it("ignores unpriced calls and runs without a budget", () => {
    const guard = new BudgetGuard(10, () => {});
    guard.open(undefined, 1_000_000).addOutput(1_000_000);
    guard.commit(null);
    expect(guard.exceeded).toBe(false);
    const unlimited = new BudgetGuard(null, () => {});
    unlimited.commit(1e15);
    expect(unlimited.exceeded).toBe(false);
  });
});
