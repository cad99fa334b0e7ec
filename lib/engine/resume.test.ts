import { describe, expect, it } from "vitest";
import { countPromptTokens, countTextTokens } from "@/lib/models/tokens";
import type { EngineEvent } from "./events";
import { restoreRun, scopeKey } from "./restore";
import { fixtureGraph, ofType, rawEdge, rawNode, runFixture } from "./test-harness";

const TASK = "Plan a one-day trip to the coast.";

/** plan → draft (pool of 3) → polish → review, the reviewer sending `draft` back once. */
const graph = fixtureGraph(
  [
    rawNode("planner", "plan", { label: "Planner", instructions: "Split it. [sim:items=3]" }),
    rawNode("executor", "draft", { label: "Drafter", options: { concurrency: 1 } }),
    rawNode("executor", "polish", { label: "Polisher" }),
    rawNode("reviewer", "review", { label: "Reviewer", instructions: "Check it. [sim:revise=1]", options: { maxRevisions: 1 } }),
  ],
  [rawEdge("plan", "draft"), rawEdge("draft", "polish"), rawEdge("polish", "review"), rawEdge("review", "draft", { kind: "revise" })],
);

/** The events a server had stored when it died: everything up to the `n`-th event matching `at`, inclusive. */
function crashAfter(events: readonly EngineEvent[], at: (e: EngineEvent) => boolean, n = 1): EngineEvent[] {
  let seen = 0;
  const index = events.findIndex((e) => at(e) && ++seen === n);
  expect(index).toBeGreaterThan(-1);
  return events.slice(0, index + 1);
}

const started = (nodeId: string, iteration = 0) => (e: EngineEvent) => e.type === "node.started" && e.nodeId === nodeId && e.iteration === iteration;
const completed = (nodeId: string, iteration = 0) => (e: EngineEvent) => e.type === "node.completed" && e.nodeId === nodeId && e.iteration === iteration;

const costOf = (events: readonly EngineEvent[]) => ofType(events, "node.usage").reduce((sum, e) => sum + (e.costNanoUsd ?? 0), 0);

/** Resumes from `before` on a differently seeded simulator, so any decision not taken from the log would differ. */
async function resume(before: EngineEvent[], budgetNanoUsd?: number) {
  const { outcome, events } = await runFixture(graph, TASK, { seed: 99, restore: restoreRun(before), ...(budgetNanoUsd !== undefined ? { budgetNanoUsd } : {}) });
  const all = [...before, ...events];
  const completions = ofType(all, "node.completed").map(scopeKey);
  return { outcome, events, all, completions };
}

describe("resuming a run from its stored events", async () => {
  const reference = await runFixture(graph, TASK, { seed: 1 });

  it("restores the planner's plan mid-pool: finished instances are not rerun, the cut-off one starts over on the same subtask", async () => {
    // Died with subtask 0 done and subtask 1 streaming.
    const before = crashAfter(reference.events, (e) => e.type === "node.delta" && e.nodeId === "draft" && e.instance === 1);
    const { outcome, events, completions } = await resume(before);

    expect(outcome.status).toBe("succeeded");
    expect(events[0]).toMatchObject({ type: "run.resumed", rerun: [{ nodeId: "draft", instance: 1, iteration: 0 }] });
    expect(ofType(events, "run.resumed")[0].restored).toEqual(expect.arrayContaining([{ nodeId: "plan", instance: 0, iteration: 0 }, { nodeId: "draft", instance: 0, iteration: 0 }]));
    expect(ofType(events, "run.started")).toHaveLength(0);
    // Every instance finished exactly once over the whole run.
    expect(new Set(completions).size).toBe(completions.length);
    // The plan was not asked for again; the pool keeps its subtasks (titles) from the log.
    const resumedStarts = ofType(events, "node.started");
    expect(resumedStarts.some((e) => e.nodeId === "plan" || (e.nodeId === "draft" && e.instance === 0 && e.iteration === 0))).toBe(false);
    const plan = ofType(before, "node.completed").find((e) => e.nodeId === "plan")!.plan!;
    expect(resumedStarts.filter((e) => e.nodeId === "draft" && e.iteration === 0).map((e) => e.title)).toEqual([plan[1].title, plan[2].title]);
    // Spend before the crash is in the totals once, with everything after it.
    expect(outcome.totals.costNanoUsd).toBe(costOf(before) + costOf(events));
  });

  it("resumes a reviewer mid-revision: the revision already decided is neither announced nor allowed again", async () => {
    // Died during the second pass, after the first review sent draft back and subtask 0 of pass 1 finished.
    const before = crashAfter(reference.events, completed("draft", 1));
    expect(ofType(before, "review.revise")).toHaveLength(1);
    const { outcome, events, all, completions } = await resume(before);

    expect(outcome.status).toBe("succeeded");
    // The fresh simulator asks to revise again, but the one revision allowed was used before the crash.
    expect(ofType(events, "node.completed").find((e) => e.nodeId === "review")!.verdict!.verdict).toBe("revise");
    expect(ofType(events, "review.revise")).toHaveLength(0);
    expect(ofType(all, "review.revise")).toHaveLength(1);
    expect(new Set(completions).size).toBe(completions.length);
    // Pass 0 never reruns; pass 1 continues where it was.
    expect(ofType(events, "node.started").every((e) => e.iteration === 1)).toBe(true);
    expect(ofType(events, "node.started").some(started("draft", 1))).toBe(true);
    expect(outcome.totals.costNanoUsd).toBe(costOf(all));
  });

  it("resumes a planner cut off mid-stream by planning again, once", async () => {
    const before = crashAfter(reference.events, started("plan"));
    const { outcome, events, completions } = await resume(before);
    expect(outcome.status).toBe("succeeded");
    expect(events[0]).toMatchObject({ type: "run.resumed", restored: [], rerun: [{ nodeId: "plan", instance: 0, iteration: 0 }] });
    expect(completions.filter((key) => key === scopeKey({ nodeId: "plan", instance: 0, iteration: 0 }))).toHaveLength(1);
  });

  it("charges the call a crash cut off mid-stream once, as an estimate from its request and what it streamed", async () => {
    const before = crashAfter(reference.events, (e) => e.type === "node.delta" && e.nodeId === "draft" && e.instance === 1);
    const cut = { nodeId: "draft", instance: 1, iteration: 0 };
    const streamed = ofType(before, "node.delta")
      .filter((e) => scopeKey(e) === scopeKey(cut))
      .map((e) => e.text)
      .join("");
    const request = ofType(before, "node.started").find((e) => scopeKey(e) === scopeKey(cut))!;
    const { outcome, events } = await resume(before);

    // Charged right after the resume, before the instance runs again.
    expect(events[1]).toMatchObject({ type: "node.usage", ...cut, model: request.model, estimated: true });
    const charge = ofType(events, "node.usage")[0];
    expect(charge.usage.inputTokens).toBe(countPromptTokens({ messages: request.messages }));
    // GPT-5.4 mini reasons: hidden reasoning is estimated on top of the visible text, as for a stopped call.
    expect(charge.usage.outputTokens - charge.usage.reasoningTokens).toBe(countTextTokens(streamed));
    expect(charge.costNanoUsd).toBeGreaterThan(0);
    expect(ofType(events, "node.started").filter((e) => scopeKey(e) === scopeKey(cut))).toHaveLength(1);
    expect(outcome.totals.costNanoUsd).toBe(costOf(before) + costOf(events));
    expect(outcome.totals.estimatedCalls).toBe(1);

    // Cut off again in the rerun: only that attempt is charged by the next resume.
    const second = [...before, ...crashAfter(events, (e) => e.type === "node.delta" && scopeKey(e) === scopeKey(cut))];
    const again = restoreRun(second).cutOff;
    expect(again).toHaveLength(1);
    expect(again[0].streamed).toBe(
      ofType(events, "node.delta")
        .filter((e) => scopeKey(e) === scopeKey(cut))
        .slice(0, 1)
        .map((e) => e.text)
        .join(""),
    );
  });

  it("charges nothing for an instance that had streamed nothing: its request may never have gone out", async () => {
    const before = crashAfter(reference.events, started("plan"));
    expect(restoreRun(before).cutOff).toEqual([]);
    const { events } = await resume(before);
    expect(ofType(events, "node.usage").filter((e) => e.estimated)).toHaveLength(0);
  });

  it("counts the spend from before the crash against the budget", async () => {
    const before = crashAfter(reference.events, completed("polish"));
    const { outcome, events } = await resume(before, costOf(before));
    expect(outcome.status).toBe("budget_exceeded");
    expect(ofType(events, "node.started")).toHaveLength(0);
    expect(outcome.totals.costNanoUsd).toBe(costOf(before));
  });
});
