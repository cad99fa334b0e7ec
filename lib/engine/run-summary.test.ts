import { describe, expect, it } from "vitest";
import type { GraphDocument } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models";
import type { EngineEvent, RunEvent } from "./events";
import { applyRunEvent, createRunSummary, foldRunEvents, nodeTimes, savingNanoUsd, type RunSummary } from "./run-summary";
import { fixtureGraph, instantClock, ofType, rawEdge, rawNode, runFixture } from "./test-harness";

const TASK = "Draft a checklist for moving house.";

function numbered(events: readonly EngineEvent[]): RunEvent[] {
  return events.map((event, i) => ({ ...event, runId: "run_1", seq: i + 1 }));
}

function fold(graph: GraphDocument, events: readonly RunEvent[]): RunSummary {
  return events.reduce(applyRunEvent, createRunSummary(graph, DEFAULT_CATALOG));
}

function reviewed() {
  return fixtureGraph(
    [
      rawNode("planner", "plan", { label: "Planner", instructions: "[sim:items=3]" }),
      rawNode("executor", "work", { label: "Worker", tier: "nano" }),
      rawNode("reviewer", "review", { label: "Reviewer", instructions: "[sim:revise=1]" }),
    ],
    [rawEdge("plan", "work"), rawEdge("work", "review"), rawEdge("review", "work", { kind: "revise" })],
  );
}

describe("run summary", () => {
  it("starts with every node waiting on its resolved model", () => {
    const summary = createRunSummary(reviewed(), DEFAULT_CATALOG);
    expect(summary.status).toBe("queued");
    expect(Object.values(summary.nodes).map((n) => [n.nodeId, n.status, n.model])).toEqual([
      ["plan", "waiting", "gpt-5.4"],
      ["work", "waiting", "gpt-5.4-nano"],
      ["review", "waiting", "gpt-5.4"],
    ]);
  });

  it("folds a run with a revision into per-node results matching the outcome", async () => {
    const graph = reviewed();
    const { outcome, events } = await runFixture(graph, TASK);
    const summary = fold(graph, numbered(events));

    expect(summary.status).toBe("succeeded");
    expect(summary.output).toBe(outcome.output);
    expect(summary.approved).toBe(true);
    expect(summary.totals).toEqual(outcome.totals);
    expect(summary.lastSeq).toBe(events.length);

    const work = summary.nodes.work;
    expect(work).toMatchObject({ status: "succeeded", iteration: 1, instances: 6, instancesDone: 3, instancesRunning: 0, poolSize: 3 });
    const lastPool = ofType(events, "node.completed").filter((e) => e.nodeId === "work" && e.nodeOutput !== undefined);
    expect(work.output).toBe(lastPool.at(-1)!.nodeOutput);
    expect(summary.nodes.review.output).toBe(outcome.output);

    // Usage and cost cover every instance and both passes; nodes sum to the run.
    const workCalls = ofType(events, "node.usage").filter((e) => e.nodeId === "work");
    expect(workCalls).toHaveLength(6);
    expect(work.usage.outputTokens).toBe(workCalls.reduce((s, e) => s + e.usage.outputTokens, 0));
    const nodes = Object.values(summary.nodes);
    expect(nodes.reduce((s, n) => s + n.costNanoUsd!, 0)).toBe(outcome.totals.costNanoUsd);
    expect(nodes.reduce((s, n) => s + n.usage.inputTokens, 0)).toBe(outcome.totals.usage.inputTokens);
    expect(nodes.every((n) => n.costComplete && n.wallMs >= 0)).toBe(true);
  });

  it("is idempotent under replays and does not modify its input", async () => {
    const graph = reviewed();
    const events = numbered((await runFixture(graph, TASK)).events);
    const initial = createRunSummary(graph, DEFAULT_CATALOG);
    const once = fold(graph, events);
    // Reconnecting clients replay from an earlier seq: already-folded events change nothing.
    const replayed = [...events.slice(0, 10), ...events].reduce(applyRunEvent, fold(graph, events.slice(0, 10)));
    expect(replayed).toEqual(once);
    expect(events.reduce(applyRunEvent, once)).toEqual(once);
    expect(foldRunEvents(initial, events)).toEqual(once);
    expect(initial).toEqual(createRunSummary(graph, DEFAULT_CATALOG));
    const partial = fold(graph, events.slice(0, 5));
    const snapshot = structuredClone(partial);
    applyRunEvent(partial, events[5]);
    expect(partial).toEqual(snapshot);
  });

  it("records the failed node, skipped dependents and the run's error", async () => {
    const graph = fixtureGraph(
      [rawNode("executor", "bad", { label: "Bad", instructions: "[sim:error=500x9]" }), rawNode("executor", "next", { label: "Next" })],
      [rawEdge("bad", "next")],
    );
    const { outcome, events } = await runFixture(graph, TASK, { clock: instantClock(), retry: { maxAttempts: 2 } });
    const summary = fold(graph, numbered(events));
    expect(summary.status).toBe("failed");
    expect(summary.error).toBe(outcome.error);
    expect(summary.nodes.bad.status).toBe("failed");
    expect(summary.nodes.bad.error).toMatch(/failed after 2 attempts/);
    expect(summary.nodes.next).toMatchObject({ status: "skipped", error: 'Depends on failed node "Bad"' });
  });

  it("marks nodes cut off by a cancel as cancelled and nodes never started as skipped", async () => {
    const graph = fixtureGraph(
      [rawNode("executor", "long", { label: "Long", instructions: "[sim:tokens=300]" }), rawNode("executor", "after", { label: "After" })],
      [rawEdge("long", "after")],
    );
    const controller = new AbortController();
    const { events } = await runFixture(graph, TASK, {
      speed: 10,
      signal: controller.signal,
      onEvent: (e) => e.type === "node.delta" && controller.abort(),
    });
    const summary = fold(graph, numbered(events));
    expect(summary.status).toBe("cancelled");
    expect(summary.nodes.long.status).toBe("cancelled");
    expect(summary.nodes.long.instancesRunning).toBe(0);
    expect(summary.nodes.after.status).toBe("skipped");
  });

  it("shows an all-unpriced node's cost as null, never 0", async () => {
    const graph = fixtureGraph([rawNode("executor", "local", { label: "Local", model: "my-local-model" })]);
    const { events } = await runFixture(graph, TASK);
    const node = fold(graph, numbered(events)).nodes.local;
    expect(node.model).toBe("my-local-model");
    expect(node.costNanoUsd).toBeNull();
    expect(node.costComplete).toBe(false);
    expect(node.usage.outputTokens).toBeGreaterThan(0);
  });

  it("counts instances over every pass: a pool of three sent back once has six, as many as it started", async () => {
    const graph = reviewed();
    const { events } = await runFixture(graph, TASK);
    const work = fold(graph, numbered(events)).nodes.work;
    expect(ofType(events, "node.started").filter((e) => e.nodeId === "work")).toHaveLength(6);
    expect(work.instances).toBe(6);
    expect(work.iteration + 1).toBe(2);
    expect(work.calls).toBe(ofType(events, "node.usage").filter((e) => e.nodeId === "work").length);
  });

  describe("wall time and summed time", () => {
    // A pool of three (two at once, then a third) and, after a 600 ms wait for its reviewer, a second pass of one.
    const graph = fixtureGraph([rawNode("planner", "plan"), rawNode("executor", "pool", { label: "Pool" })], [rawEdge("plan", "pool")]);
    const scope = (instance: number, iteration = 0) => ({ nodeId: "pool", instance, iteration });
    const started = (ts: number, instance: number, iteration = 0): EngineEvent => ({
      type: "node.started",
      ts,
      ...scope(instance, iteration),
      ...{ role: "executor", label: "Pool", tier: "mini", model: "gpt-5.4-mini", title: `T${instance}`, poolSize: 3, messages: [] },
    });
    const completed = (ts: number, instance: number, iteration = 0): EngineEvent => ({
      type: "node.completed",
      ts,
      ...scope(instance, iteration),
      ...{ output: "ok", usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 }, costNanoUsd: 1, latencyMs: 0 },
    });
    const totals = { usage: { inputTokens: 4, cachedInputTokens: 0, outputTokens: 4, reasoningTokens: 0 }, costNanoUsd: 4, baselineNanoUsd: 20, costComplete: true, durationMs: 1200 };
    const events = numbered([
      { type: "run.started", ts: 0, input: TASK, simulated: true, nodeCount: 2, budgetNanoUsd: null },
      started(0, 0),
      started(0, 1),
      completed(200, 1),
      started(200, 2),
      completed(300, 0),
      { type: "node.failed", ts: 400, ...scope(2), error: "boom" },
      started(1000, 0, 1),
      completed(1100, 0, 1),
      { type: "run.completed", ts: 1200, ...totals, output: "ok", approved: null },
    ]);

    it("wall time counts parallel instances once and idle gaps not at all; summed time adds every instance up", () => {
      const pool = fold(graph, events).nodes.pool;
      expect(pool.wallMs).toBe(400 + 100);
      expect(pool.summedMs).toBe(300 + 200 + 200 + 100);
      expect(pool.instances).toBe(4);
    });

    it("count running instances up to now while the run goes", () => {
      const pool = fold(graph, events.slice(0, 5)).nodes.pool; // at 200: instance 0 and 2 running
      expect(nodeTimes(pool, 250)).toEqual({ wallMs: 250, summedMs: 250 + 200 + 50 });
      expect(nodeTimes(pool, null)).toEqual({ wallMs: 200, summedMs: 400 });
    });

    it("stop counting at the final event for instances a cancel cut off", () => {
      const cancelled = numbered([...events.slice(0, 5), { type: "run.cancelled", ts: 260, ...totals }]);
      const pool = fold(graph, cancelled).nodes.pool;
      expect(pool).toMatchObject({ status: "cancelled", instancesRunning: 0, wallMs: 260, summedMs: 260 + 200 + 60 });
      expect(nodeTimes(pool, 10_000)).toEqual({ wallMs: 260, summedMs: 520 });
    });
  });

  it("counts a saving only for a run that succeeded (or so far, while it runs)", () => {
    expect(savingNanoUsd("succeeded", 25, 100)).toBe(75);
    expect(savingNanoUsd("running", 25, 100)).toBe(75);
    for (const status of ["failed", "cancelled", "budget_exceeded", "interrupted"] as const) expect(savingNanoUsd(status, 25, 100)).toBeNull();
  });
});
