import { describe, expect, it } from "vitest";
import type { EngineEvent, RunEvent } from "@/lib/engine/events";
import { fixtureGraph, rawEdge, rawNode, runFixture } from "@/lib/engine/test-harness";
import { formatUsd } from "@/lib/models/cost";
import { createRunStore } from "@/lib/stores/run/store";
import { runCost } from "./cost-panel";
import { estimatedNote, formatCost } from "./format";

const graph = fixtureGraph(
  [
    rawNode("executor", "draft", { label: "Drafter", tier: "mini", instructions: "Write in detail. [sim:tokens=300]" }),
    rawNode("executor", "polish", { label: "Polisher", tier: "nano" }),
  ],
  [rawEdge("draft", "polish")],
);

/** A run cancelled while its first node streams, numbered as the run service stores it. */
async function cancelledRun(): Promise<RunEvent[]> {
  const controller = new AbortController();
  let deltas = 0;
  const { outcome, events } = await runFixture(graph, "A guide to composting.", {
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === "node.delta" && ++deltas === 20) controller.abort();
    },
  });
  expect(outcome.status).toBe("cancelled");
  return events.map((event: EngineEvent, i) => ({ ...event, runId: "run_1", seq: i + 1 }) as RunEvent);
}

function fold(events: RunEvent[]) {
  const store = createRunStore({ graph, schedule: () => () => {} });
  for (const event of events) store.getState().receive(event);
  store.getState().flush();
  return store.getState();
}

describe("a cancelled run's cost in the run view", () => {
  it("carries the estimated flag from the events to the figures and labels them", async () => {
    const state = fold(await cancelledRun());
    expect(state.summary.status).toBe("cancelled");
    expect(state.summary.totals?.estimatedCalls).toBe(1);
    expect(state.summary.nodes.draft).toMatchObject({ status: "cancelled", estimatedCalls: 1, calls: 1 });
    expect(state.summary.nodes.polish.estimatedCalls).toBe(0);
    expect(state.instances["draft#0.0"].estimatedCalls).toBe(1);

    const cost = runCost(state);
    expect(cost.estimatedCalls).toBe(1);
    expect(cost.cost).toBeGreaterThan(0);
    expect(cost.cost).toBe(state.summary.nodes.draft.costNanoUsd);
    expect(formatCost(cost.cost, cost.estimatedCalls)).toBe(`≈${formatUsd(cost.cost)}`);
    expect(estimatedNote(cost.estimatedCalls)).toBe("includes estimated usage from 1 interrupted or unreported call");
  });

  it("still folds events stored before estimates existed, showing nothing as estimated", async () => {
    // Strip the new fields, as events written by an older version lack them.
    const old = (await cancelledRun()).map((event) => {
      const copy = { ...event } as Record<string, unknown>;
      delete copy.estimated;
      delete copy.estimatedCalls;
      return copy as unknown as RunEvent;
    });
    const state = fold(old);
    expect(state.summary.status).toBe("cancelled");
    expect(state.summary.totals?.estimatedCalls).toBeUndefined();
    expect(state.summary.nodes.draft.estimatedCalls).toBe(0);
    const cost = runCost(state);
    expect(cost.estimatedCalls).toBe(0);
    expect(formatCost(cost.cost, cost.estimatedCalls)).toBe(formatUsd(cost.cost));
    expect(estimatedNote(cost.estimatedCalls)).toBe("");
  });

  it("counts estimated calls of a run still going from its nodes", async () => {
    const events = await cancelledRun();
    // Everything up to (not including) the final event: the run is live as far as the view knows.
    const live = fold(events.slice(0, -1));
    expect(live.summary.totals).toBeNull();
    expect(runCost(live).estimatedCalls).toBe(1);
  });
});
