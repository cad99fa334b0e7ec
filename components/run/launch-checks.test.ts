import { describe, expect, it } from "vitest";
import { TEMPLATES } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models/catalog";
import { NANO_PER_USD, formatUsd } from "@/lib/models/cost";
import { estimateRunCost } from "@/lib/engine/estimate";
import { checkLaunch } from "./launch-checks";

const graph = TEMPLATES.find((t) => t.id === "research-review")!.graph;
const estimate = estimateRunCost(graph, "Electric vans for a bakery?", DEFAULT_CATALOG, { simulated: true });
const usd = (nano: number) => (nano / NANO_PER_USD).toFixed(6);

describe("checkLaunch", () => {
  it("says what is wrong with an empty task, a negative, zero or non-numeric budget", () => {
    expect(checkLaunch("  ", "", estimate).taskError).toMatch(/Enter a task/);
    expect(checkLaunch("Go", "-1", estimate).budgetError).toMatch(/cannot be negative/);
    expect(checkLaunch("Go", "0", estimate).budgetError).toMatch(/more than \$0/);
    expect(checkLaunch("Go", "ten", estimate).budgetError).toMatch(/number of US dollars/);
    expect(checkLaunch("Go", "0,50", estimate).budgetError).toMatch(/dot for cents/);
    for (const budget of ["-1", "ten", "0"]) expect(checkLaunch("Go", budget, estimate).budgetUsd).toBeUndefined();
  });

  it("takes an empty budget as none and reads amounts as typed", () => {
    expect(checkLaunch("Go", " ", estimate)).toEqual({ taskError: null, budgetError: null, budgetUsd: undefined, budgetWarning: null });
    expect(checkLaunch("Go", "$0.50", estimate).budgetUsd).toBe(0.5);
    expect(checkLaunch("Go", ".25", estimate).budgetUsd).toBe(0.25);
  });

  it("warns when the budget is below the estimate's low end, and notes when it is below the high end", () => {
    const { low, high } = estimate.costNanoUsd;
    const below = checkLaunch("Go", usd(low * 0.5), estimate);
    expect(below.budgetError).toBeNull();
    expect(below.budgetWarning).toEqual({ level: "below_low", message: expect.stringContaining(formatUsd(low)) });
    expect(below.budgetWarning!.message).toMatch(/most likely stop before it finishes/);

    const between = checkLaunch("Go", usd((low + high) / 2), estimate);
    expect(between.budgetWarning).toEqual({ level: "below_high", message: expect.stringContaining(formatUsd(high)) });

    expect(checkLaunch("Go", usd(high * 1.01), estimate).budgetWarning).toBeNull();
  });
});
