import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG, REASONING_SHARE } from "@/lib/models/catalog";
import { costNanoUsd } from "@/lib/models/cost";
import { createSimulator, SIMULATOR_BASE_URL } from "@/lib/models";
import type { EngineEvent } from "./events";
import { fixtureGraph, indexOf, instantClock, ofType, rawEdge, rawNode, runFixture } from "./test-harness";

const TASK = "Write a short guide to composting at home.";
const NANO = DEFAULT_CATALOG.models["gpt-5.4-nano"].pricing!;
const MINI = DEFAULT_CATALOG.models["gpt-5.4-mini"].pricing!;

const single = (instructions: string, tier: "nano" | "mini" = "nano") => fixtureGraph([rawNode("executor", "work", { label: "Worker", tier, instructions })]);

/** The text an instance streamed in `events` (all its deltas, in order). */
const streamed = (events: readonly EngineEvent[], nodeId: string, instance = 0) =>
  ofType(events, "node.delta")
    .filter((d) => d.nodeId === nodeId && d.instance === instance)
    .map((d) => d.text)
    .join("");

const sum = (events: readonly EngineEvent[]) => ofType(events, "node.usage").reduce((n, e) => n + (e.costNanoUsd ?? 0), 0);

/** Nano and mini reason (the catalog says so): visible tokens plus the typical hidden share. */
const withReasoning = (visible: number) => {
  const reasoning = Math.round(visible * REASONING_SHARE.expected);
  return { outputTokens: visible + reasoning, reasoningTokens: reasoning };
};

describe("usage of calls that end without a usage report", () => {
  it("counts a call cancelled mid-stream: its whole prompt and what it streamed, marked estimated", async () => {
    const graph = single("Write in detail. [sim:tokens=400]");
    const full = await runFixture(graph, TASK);
    const reported = ofType(full.events, "node.usage")[0];

    const controller = new AbortController();
    let deltas = 0;
    const { outcome, events } = await runFixture(graph, TASK, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "node.delta" && ++deltas === 12) controller.abort();
      },
    });
    expect(outcome.status).toBe("cancelled");
    const [usage] = ofType(events, "node.usage");
    expect(usage.estimated).toBe(true);
    // The prompt is the one the provider would have reported; the output is the 12 deltas' text.
    expect(usage.usage.inputTokens).toBe(reported.usage.inputTokens);
    const visible = countTokens(streamed(events, "work"));
    expect(visible).toBeGreaterThanOrEqual(10);
    expect(usage.usage).toEqual({ inputTokens: reported.usage.inputTokens, cachedInputTokens: 0, ...withReasoning(visible) });
    expect(usage.costNanoUsd).toBe(costNanoUsd(usage.usage, NANO));
    expect(usage.costNanoUsd).toBeGreaterThan(0);

    // It goes out before the final event, whose totals include it and say so.
    expect(indexOf(events, "node.usage")).toBeLessThan(indexOf(events, "run.cancelled"));
    expect(outcome.totals).toMatchObject({ usage: usage.usage, costNanoUsd: usage.costNanoUsd, estimatedCalls: 1 });
    expect(events.at(-1)).toMatchObject({ type: "run.cancelled", estimatedCalls: 1, costNanoUsd: usage.costNanoUsd });
  });

  it("counts calls a budget stop cuts off, so the run's spend shows it reached the budget", async () => {
    const graph = fixtureGraph(
      [
        rawNode("planner", "plan", { label: "Planner", instructions: "Split it. [sim:items=4]" }),
        rawNode("executor", "work", { label: "Worker", instructions: "Write in detail. [sim:tokens=400]", options: { concurrency: 4 } }),
        rawNode("reviewer", "review", { label: "Reviewer" }),
      ],
      [rawEdge("plan", "work"), rawEdge("work", "review")],
    );
    const full = await runFixture(graph, TASK);
    const planCost = ofType(full.events, "node.usage").find((e) => e.nodeId === "plan")!.costNanoUsd!;
    const budget = planCost + Math.round((full.outcome.totals.costNanoUsd - planCost) / 4);

    const { outcome, events } = await runFixture(graph, TASK, { budgetNanoUsd: budget, speed: 100 });
    expect(outcome.status).toBe("budget_exceeded");
    const estimated = ofType(events, "node.usage").filter((e) => e.estimated);
    expect(estimated.length).toBeGreaterThan(0);
    for (const e of estimated) expect(e.nodeId).toBe("work");
    // Every call ever sent is in the total, and the total is what tripped the budget: at or past it, never silently below.
    expect(outcome.totals.costNanoUsd).toBe(sum(events));
    expect(outcome.totals.costNanoUsd).toBeGreaterThanOrEqual(budget);
    expect(outcome.totals.estimatedCalls).toBe(estimated.length);
    const final = events.at(-1)!;
    expect(final).toMatchObject({ type: "run.budget_exceeded", budgetNanoUsd: budget, estimatedCalls: estimated.length });
    // Each cut-off worker is billed for its prompt and the text it streamed.
    for (const e of estimated) {
      const visible = countTokens(streamed(events, "work", e.instance));
      expect(e.usage.outputTokens - e.usage.reasoningTokens).toBe(visible);
      expect(e.usage.inputTokens).toBeGreaterThan(0);
    }
  });

  it("counts the cut first attempt of a retried call, before the retry", async () => {
    const { outcome, events } = await runFixture(single("Answer. [sim:error=cut]"), TASK, { clock: instantClock() });
    expect(outcome.status).toBe("succeeded");
    const [cut, answered] = ofType(events, "node.usage");
    expect(cut.estimated).toBe(true);
    expect(answered.estimated).toBeUndefined();
    expect(indexOf(events, "node.usage")).toBeLessThan(indexOf(events, "node.retry"));
    // Both attempts sent the same prompt; the cut one streamed a few pieces before the connection dropped.
    expect(cut.usage.inputTokens).toBe(answered.usage.inputTokens);
    const beforeRetry = events.slice(0, indexOf(events, "node.retry"));
    const visible = countTokens(ofType(beforeRetry, "node.delta").map((d) => d.text).join(""));
    expect(visible).toBeGreaterThan(0);
    expect(cut.usage).toMatchObject(withReasoning(visible));

    const [completed] = ofType(events, "node.completed");
    expect(completed.estimatedCalls).toBe(1);
    expect(completed.usage.inputTokens).toBe(2 * answered.usage.inputTokens);
    expect(completed.costNanoUsd).toBe(cut.costNanoUsd! + answered.costNanoUsd!);
    expect(outcome.totals).toMatchObject({ costNanoUsd: completed.costNanoUsd, estimatedCalls: 1 });
  });

  it("states what a node spent on cut attempts when its retries run out", async () => {
    const { outcome, events } = await runFixture(single("Answer. [sim:error=cutx9]"), TASK, { clock: instantClock(), retry: { maxAttempts: 2 } });
    expect(outcome.status).toBe("failed");
    const usage = ofType(events, "node.usage");
    expect(usage.map((e) => e.estimated)).toEqual([true, true]);
    const [failed] = ofType(events, "node.failed");
    expect(failed).toMatchObject({ estimatedCalls: 2, costNanoUsd: sum(events) });
    expect(outcome.totals).toMatchObject({ costNanoUsd: sum(events), estimatedCalls: 2 });
    expect(outcome.totals.costNanoUsd).toBeGreaterThan(0);
  });

  it("estimates a call whose server ignores include_usage instead of leaving it at zero", async () => {
    const simulator = createSimulator({ speed: 0, seed: 1 });
    // A server that never sends the usage chunk.
    const client = new OpenAI({
      apiKey: "simulator",
      baseURL: SIMULATOR_BASE_URL,
      maxRetries: 0,
      fetch: (input, init) => {
        const body = JSON.parse(init!.body as string) as Record<string, unknown>;
        delete body.stream_options;
        return simulator.fetch(input, { ...init, body: JSON.stringify(body) });
      },
    });
    const graph = single("Answer briefly.", "mini");
    const reported = ofType((await runFixture(graph, TASK)).events, "node.usage")[0];
    const { outcome, events } = await runFixture(graph, TASK, { client });
    expect(outcome.status).toBe("succeeded");
    const [usage] = ofType(events, "node.usage");
    expect(usage.estimated).toBe(true);
    expect(usage.usage.inputTokens).toBe(reported.usage.inputTokens);
    expect(usage.usage).toMatchObject(withReasoning(countTokens(outcome.output)));
    expect(usage.costNanoUsd).toBe(costNanoUsd(usage.usage, MINI));
    expect(outcome.totals).toMatchObject({ costComplete: true, estimatedCalls: 1 });
  });

  it("reports nothing estimated when every call reported its usage", async () => {
    const { outcome, events } = await runFixture(single("Answer."), TASK);
    expect(ofType(events, "node.usage").every((e) => e.estimated === undefined)).toBe(true);
    expect(outcome.totals.estimatedCalls).toBeUndefined();
    expect(ofType(events, "node.completed")[0].estimatedCalls).toBeUndefined();
  });
});
