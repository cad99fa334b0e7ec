import { describe, expect, it } from "vitest";
import type { EngineEvent, RunEvent } from "@/lib/engine/events";
import { runFixture } from "@/lib/engine/test-harness";
import { TEMPLATES } from "@/lib/graph";
import { createRunStore } from "./store";
import { concurrencyProfile, timelineLanes } from "./timeline";
import type { TimelineBar } from "./types";

const triage = TEMPLATES.find((t) => t.id === "triage-at-scale")!.graph;

function numbered(events: readonly EngineEvent[]): RunEvent[] {
  return events.map((event, i) => ({ ...event, runId: "run_1", seq: i + 1 }) as RunEvent);
}

const bar = (key: string, start: number, end: number | null, extra: Partial<TimelineBar> = {}): TimelineBar => ({
  key,
  nodeId: "x",
  label: "X",
  role: "executor",
  tier: "nano",
  instance: 0,
  iteration: 0,
  title: null,
  start,
  end,
  status: end === null ? "running" : "succeeded",
  ...extra,
});

describe("timeline lanes", () => {
  it("gives a 48-instance pool one lane with a row per instance, and a node sent back one lane with both passes", async () => {
    const { events } = await runFixture(triage, "Triage this week's tickets. [sim:items=48 revise=1]", { seed: 2 });
    const store = createRunStore({ graph: triage, schedule: () => () => {} });
    numbered(events).forEach((e) => store.getState().receive(e));
    store.getState().flush();
    const lanes = timelineLanes(store.getState().timeline, triage.nodes.map((n) => n.id));

    expect(lanes.map((l) => [l.label, l.pool, l.instances, l.passes])).toEqual([
      ["Batch splitter", false, 1, 1],
      ["Extractor", true, 48, 1],
      ["Triage lead", false, 2, 2],
      ["Triage reviewer", false, 2, 2],
    ]);
    const extractor = lanes[1];
    expect(extractor.rows.map((r) => r.instance)).toEqual(Array.from({ length: 48 }, (_, i) => i));
    expect(extractor.rows.every((r) => r.bars.length === 1 && r.title)).toBe(true);
    expect(lanes[2].rows).toEqual([]);
  });

  it("keeps each unchanged bar's object when another bar starts or ends, so only that bar re-renders", async () => {
    const { events } = await runFixture(triage, "Triage these. [sim:items=6]", { seed: 2 });
    const store = createRunStore({ graph: triage, schedule: () => () => {} });
    const numberedEvents = numbered(events);
    const lastStart = numberedEvents.findLastIndex((e) => e.type === "node.started" && e.nodeId === "extractor");
    numberedEvents.slice(0, lastStart).forEach((e) => store.getState().receive(e));
    store.getState().flush();
    const before = new Map(store.getState().timeline.map((b) => [b.key, b]));
    store.getState().receive(numberedEvents[lastStart]);
    store.getState().flush();
    const after = store.getState().timeline;
    expect(after).toHaveLength(before.size + 1);
    const changed = after.filter((b) => before.get(b.key) !== b);
    expect(changed.map((b) => b.key)).toEqual([`extractor#${(numberedEvents[lastStart] as RunEvent & { instance: number }).instance}.0`]);
  });
});

describe("concurrencyProfile", () => {
  it("steps with the number of instances running; an end and a start at the same moment are a hand-over", () => {
    const profile = concurrencyProfile([bar("a", 0, 100), bar("b", 0, 50), bar("c", 50, 120), bar("d", 60, null)], 200);
    expect(profile.steps).toEqual([
      [0, 2],
      [50, 2],
      [60, 3],
      [100, 2],
      [120, 1],
      [200, 0],
    ]);
    expect(profile).toMatchObject({ peak: 3, start: 0, end: 200 });
  });
});
