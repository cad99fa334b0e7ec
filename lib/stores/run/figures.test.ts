import { describe, expect, it } from "vitest";
import type { EngineEvent, RunEvent } from "@/lib/engine/events";
import { runFixture } from "@/lib/engine/test-harness";
import { TEMPLATES } from "@/lib/graph";
import { runFigures, runWallMs } from "./figures";
import { createRunStore } from "./store";

const research = TEMPLATES.find((t) => t.id === "research-review")!.graph;

function numbered(events: readonly EngineEvent[]): RunEvent[] {
  return events.map((event, i) => ({ ...event, runId: "run_1", seq: i + 1 }) as RunEvent);
}

/** Four subtasks over two pools, and a reviewer that sends both back once: every pool runs two instances twice. */
async function revisedRun() {
  const { events } = await runFixture(research, "Should a bakery switch its vans to electric? [sim:items=4 revise=1]", { seed: 5, speed: 50 });
  const store = createRunStore({ graph: research, schedule: () => () => {} });
  numbered(events).forEach((e) => store.getState().receive(e));
  store.getState().flush();
  return { events, state: store.getState() };
}

describe("run figures: one definition each, so the cost table, transcript and timeline agree", () => {
  it("instances: the cost table's count is the transcript's, every pass included", async () => {
    const { state } = await revisedRun();
    const researcher = state.summary.nodes.researcher;
    expect(researcher.iteration).toBe(1);
    expect(state.nodeInstances.researcher).toHaveLength(4);
    expect(researcher.instances).toBe(4);
    expect(researcher.instances).toBe(state.timeline.filter((b) => b.nodeId === "researcher").length);
  });

  it("calls: a node's are its instances' calls added up", async () => {
    const { state } = await revisedRun();
    for (const node of Object.values(state.summary.nodes)) {
      const calls = (state.nodeInstances[node.nodeId] ?? []).reduce((sum, key) => sum + state.instances[key].calls, 0);
      expect(node.calls).toBe(calls);
    }
    expect(runFigures(state, null).calls).toBe(Object.values(state.instances).reduce((sum, view) => sum + view.calls, 0));
  });

  it("wall time is the run's start to end, as far as the timeline reaches; summed time is every bar's length added up", async () => {
    const { state } = await revisedRun();
    const figures = runFigures(state, null);
    const bars = state.timeline;
    expect(figures.wallMs).toBe(state.endedAt! - state.startedAt!);
    expect(figures.wallMs).toBeGreaterThanOrEqual(Math.max(...bars.map((b) => b.end!)));
    expect(figures.summedMs).toBe(bars.reduce((sum, b) => sum + (b.end! - b.start), 0));
    // The pools ran in parallel: more work than wall time.
    expect(figures.summedMs).toBeGreaterThan(figures.wallMs!);
    expect(figures.instances).toBe(bars.length);
    // Per node: wall time is the time covered by its bars, never more than the run's.
    const researcher = state.summary.nodes.researcher;
    expect(researcher.summedMs).toBe(bars.filter((b) => b.nodeId === "researcher").reduce((sum, b) => sum + (b.end! - b.start), 0));
    expect(researcher.wallMs).toBeLessThanOrEqual(researcher.summedMs);
    expect(researcher.wallMs).toBeLessThan(researcher.endedAt! - researcher.startedAt!);
  });

  it("runWallMs: nothing before the start, the clock while running, start to end after", () => {
    expect(runWallMs(null, null, 5)).toBeNull();
    expect(runWallMs(1000, null, 1600)).toBe(600);
    expect(runWallMs(1000, 1500, 9000)).toBe(500);
  });
});
