import { describe, expect, it } from "vitest";
import { fixtureGraph, ofType, rawEdge, rawNode, runFixture } from "./test-harness";

const TASK = "Write a short guide to composting at home.";

function hierarchy() {
  return fixtureGraph(
    [
      rawNode("planner", "plan", { label: "Planner", instructions: "Split it. [sim:items=4]" }),
      rawNode("executor", "work", { label: "Worker", instructions: "Write in detail. [sim:tokens=400]", options: { concurrency: 4 } }),
      rawNode("reviewer", "review", { label: "Reviewer" }),
    ],
    [rawEdge("plan", "work"), rawEdge("work", "review")],
  );
}

describe("budget", () => {
  it("stops in-flight calls when spend reaches the budget and reports what was spent", async () => {
    const full = await runFixture(hierarchy(), TASK);
    const usage = ofType(full.events, "node.usage");
    const planCost = usage.find((e) => e.nodeId === "plan")!.costNanoUsd!;
    const workCost = usage.filter((e) => e.nodeId === "work").reduce((sum, e) => sum + e.costNanoUsd!, 0);
    const budget = planCost + Math.round(workCost / 2);

    const { outcome, events } = await runFixture(hierarchy(), TASK, { budgetNanoUsd: budget, speed: 100 });
    expect(outcome.status).toBe("budget_exceeded");
    const final = events.at(-1)!;
    expect(final.type).toBe("run.budget_exceeded");
    expect(final.type === "run.budget_exceeded" && final.budgetNanoUsd).toBe(budget);
    expect(events[0]).toMatchObject({ type: "run.started", budgetNanoUsd: budget });
    // The planner finished; worker instances were cut off mid-stream, and the reviewer never ran.
    expect(ofType(events, "node.completed").find((e) => e.nodeId === "plan")).toBeDefined();
    const workStarted = ofType(events, "node.started").filter((e) => e.nodeId === "work").length;
    const workDone = ofType(events, "node.completed").filter((e) => e.nodeId === "work").length;
    expect(workStarted).toBe(4);
    expect(workDone).toBeLessThan(workStarted);
    expect(ofType(events, "node.started").some((e) => e.nodeId === "review")).toBe(false);
    // Spend is every call sent, as reported or (for calls cut off) estimated, summed exactly.
    const spent = ofType(events, "node.usage").reduce((sum, e) => sum + e.costNanoUsd!, 0);
    expect(outcome.totals.costNanoUsd).toBe(spent);
    expect(spent).toBeLessThan(full.outcome.totals.costNanoUsd);
  });

  it("does not start a call whose prompt alone would exceed a zero budget", async () => {
    const { outcome, events } = await runFixture(hierarchy(), TASK, { budgetNanoUsd: 0 });
    expect(outcome.status).toBe("budget_exceeded");
    expect(ofType(events, "node.usage")).toHaveLength(0);
    expect(outcome.totals.costNanoUsd).toBe(0);
  });
});

describe("cancellation", () => {
  it("ends promptly with run.cancelled and emits nothing afterwards", async () => {
    const controller = new AbortController();
    let cancelledAt = 0;
    const running = runFixture(hierarchy(), TASK, {
      speed: 5,
      signal: controller.signal,
      onEvent: (event) => {
        // Cancel while the worker pool is streaming.
        if (event.type === "node.delta" && event.nodeId === "work" && !cancelledAt) {
          cancelledAt = performance.now();
          controller.abort();
        }
      },
    });
    const { outcome, events } = await running;
    const tookMs = performance.now() - cancelledAt;
    expect(tookMs).toBeLessThan(1000);
    expect(outcome.status).toBe("cancelled");
    expect(events.at(-1)!.type).toBe("run.cancelled");
    expect(ofType(events, "node.started").some((e) => e.nodeId === "review")).toBe(false);

    const count = events.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.length).toBe(count);
  });

  it("cancels before anything starts when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { outcome, events } = await runFixture(hierarchy(), TASK, { signal: controller.signal });
    expect(outcome.status).toBe("cancelled");
    expect(events.map((e) => e.type)).toEqual(["run.started", "run.cancelled"]);
  });
});
