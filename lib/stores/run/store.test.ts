import { describe, expect, it } from "vitest";
import type { EngineEvent, RunEvent } from "@/lib/engine/events";
import { fixtureGraph, instantClock, rawEdge, rawNode, runFixture } from "@/lib/engine/test-harness";
import { TEMPLATES } from "@/lib/graph";
import { buildTopology } from "@/lib/graph/topology";
import { createRunStore } from "./store";
import { criticalPath } from "./timeline";
import type { FrameScheduler } from "./types";

const research = TEMPLATES.find((t) => t.id === "research-review")!.graph;

function numbered(events: readonly EngineEvent[]): RunEvent[] {
  return events.map((event, i) => ({ ...event, runId: "run_1", seq: i + 1 }) as RunEvent);
}

/** A scheduler that runs callbacks only when the test says a frame has passed. */
function manualFrames() {
  const callbacks: (() => void)[] = [];
  const schedule: FrameScheduler = (callback) => {
    callbacks.push(callback);
    return () => callbacks.splice(callbacks.indexOf(callback) >>> 0, 1);
  };
  return { schedule, pending: () => callbacks.length, frame: () => callbacks.splice(0).forEach((cb) => cb()) };
}

async function researchRun(input = "Should a bakery switch its delivery vans to electric? [sim:items=4]") {
  const { events } = await runFixture(research, input, { seed: 3 });
  return numbered(events);
}

describe("run store", () => {
  it("keeps where a tool lives from node.tool_call, and still folds older events without it", async () => {
    const events = await researchRun();
    const older = events.map((e) => {
      if (e.type !== "node.tool_call") return e;
      const { source: _source, ...rest } = e;
      return { ...rest, tool: "Everything__get-sum" } as RunEvent;
    });
    const withSource = events.map((e) => (e.type === "node.tool_call" ? { ...e, source: { server: "Everything", name: "get-sum" } } : e));
    const toolOf = (list: RunEvent[]) => {
      const store = createRunStore({ graph: research });
      list.forEach((e) => store.getState().receive(e));
      store.getState().flush();
      return store.getState().instances["researcher#0.0"].entries.find((e) => e.kind === "tool");
    };
    expect(toolOf(withSource)).toMatchObject({ tool: "calculator", source: { server: "Everything", name: "get-sum" }, result: { ok: true } });
    const old = toolOf(older);
    expect(old).toMatchObject({ tool: "Everything__get-sum", result: { ok: true } });
    expect(old).not.toHaveProperty("source");
  });

  it("folds a whole run: node states, pool instances, transcripts with prompts, streamed text, tool calls and the verdict", async () => {
    const events = await researchRun();
    const frames = manualFrames();
    const store = createRunStore({ graph: research, schedule: frames.schedule });
    events.forEach((e) => store.getState().receive(e));
    frames.frame();
    const state = store.getState();

    expect(state.summary.status).toBe("succeeded");
    expect(Object.values(state.summary.nodes).map((n) => n.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    // Four subtasks, round-robin over two executors: each pool ran two instances.
    expect(state.nodeInstances.researcher).toEqual(["researcher#0.0", "researcher#1.0"]);
    expect(state.summary.nodes.researcher.instancesDone).toBe(2);

    const researcher = state.instances["researcher#1.0"];
    expect(researcher.title).toBeTruthy();
    expect(researcher.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(researcher.messages[1].content).toContain("Should a bakery switch");
    const tool = researcher.entries.find((e) => e.kind === "tool");
    expect(tool).toMatchObject({ kind: "tool", tool: "calculator", source: { server: null, name: "calculator" }, result: { ok: true } });
    const text = researcher.entries.filter((e) => e.kind === "text").map((e) => (e.kind === "text" ? e.text : "")).join("");
    expect(text).toBe(researcher.output);
    expect(researcher.usage.outputTokens).toBeGreaterThan(0);
    expect(researcher.calls).toBe(2);

    const reviewer = state.instances["reviewer#0.0"];
    expect(reviewer.verdict?.verdict).toBe("approve");
    expect(state.instances["research-planner#0.0"].plan).toHaveLength(4);
    expect(state.previews.reviewer.length).toBeGreaterThan(0);
    expect(state.startedAt).toBe(events[0].ts);
    expect(state.endedAt).toBe(events.at(-1)!.ts);
  });

  it("tells the stream when an event ends the run, replayed or not, so it can close", async () => {
    const events = await researchRun();
    const store = createRunStore({ graph: research, schedule: manualFrames().schedule });
    const ends = events.map((e) => store.getState().receive(e));
    expect(ends.slice(0, -1).every((end) => !end)).toBe(true);
    expect(ends.at(-1)).toBe(true);
    expect(store.getState().receive(events.at(-1)!)).toBe(true); // a reconnect replaying the final event
  });

  it("batches: many events make one scheduled flush and one state change, applied only when the frame comes", async () => {
    const events = await researchRun();
    const frames = manualFrames();
    const store = createRunStore({ graph: research, schedule: frames.schedule });
    let changes = 0;
    store.subscribe(() => changes++);
    events.forEach((e) => store.getState().receive(e));
    expect(frames.pending()).toBe(1);
    expect(store.getState().lastSeq).toBe(0);
    expect(changes).toBe(0);
    frames.frame();
    expect(changes).toBe(1);
    expect(store.getState().lastSeq).toBe(events.length);
    expect(store.getState().eventCount).toBe(events.length);
    expect(frames.pending()).toBe(0);
  });

  it("deduplicates by seq: a reconnect replaying events, or repeats within a batch, change nothing", async () => {
    const events = await researchRun();
    const frames = manualFrames();
    const once = createRunStore({ graph: research, schedule: frames.schedule });
    events.forEach((e) => once.getState().receive(e));
    frames.frame();

    const twice = createRunStore({ graph: research, schedule: frames.schedule });
    const half = Math.floor(events.length / 2);
    events.slice(0, half).forEach((e) => twice.getState().receive(e));
    events.slice(0, half).forEach((e) => twice.getState().receive(e)); // repeated before the frame
    frames.frame();
    // The connection dropped and resumed from an earlier id: overlap, then the rest, out of order.
    [...events.slice(half - 20)].reverse().forEach((e) => twice.getState().receive(e));
    frames.frame();

    const a = once.getState();
    const b = twice.getState();
    expect(b.eventCount).toBe(events.length);
    expect(b.summary).toEqual(a.summary);
    expect(b.instances).toEqual(a.instances);
    expect(b.timeline).toEqual(a.timeline);
  });

  it("keeps the timeline array while only text streams, and lays bars out from the run's start", async () => {
    const events = await researchRun();
    const frames = manualFrames();
    const store = createRunStore({ graph: research, schedule: frames.schedule });
    const firstDelta = events.findIndex((e) => e.type === "node.delta");
    events.slice(0, firstDelta).forEach((e) => store.getState().receive(e));
    frames.frame();
    const before = store.getState().timeline;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ nodeId: "research-planner", label: "Research planner", role: "planner", tier: "flagship", end: null, status: "running" });
    store.getState().receive(events[firstDelta]);
    store.getState().flush();
    expect(store.getState().timeline).toBe(before);

    events.forEach((e) => store.getState().receive(e));
    frames.frame();
    const bars = store.getState().timeline;
    expect(bars).toHaveLength(1 + 2 + 2 + 1);
    for (const bar of bars) {
      expect(bar.start).toBeGreaterThanOrEqual(0);
      expect(bar.end).toBeGreaterThanOrEqual(bar.start);
    }
    const reviewer = bars.find((b) => b.nodeId === "reviewer")!;
    for (const bar of bars) if (bar !== reviewer) expect(bar.end).toBeLessThanOrEqual(reviewer.start + 2);
  });

  it("drops a failed attempt's partial text on retry and shows the retry", async () => {
    const graph = fixtureGraph([rawNode("executor", "solo")]);
    const { events } = await runFixture(graph, "Explain heat pumps. [sim:error=cut]", { clock: instantClock() });
    const frames = manualFrames();
    const store = createRunStore({ graph, schedule: frames.schedule });
    numbered(events).forEach((e) => store.getState().receive(e));
    frames.frame();
    const view = store.getState().instances["solo#0.0"];
    expect(view.entries.map((e) => e.kind)).toEqual(["retry", "text"]);
    expect(view.entries[1]).toEqual({ kind: "text", text: view.output });
  });

  it("closes instances still running when the run is cancelled", async () => {
    const graph = fixtureGraph([rawNode("executor", "a"), rawNode("executor", "b")], [rawEdge("a", "b")]);
    const controller = new AbortController();
    const { events } = await runFixture(graph, "Write about trains.", {
      speed: 20,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "node.delta") controller.abort();
      },
    });
    const frames = manualFrames();
    const store = createRunStore({ graph, schedule: frames.schedule });
    numbered(events).forEach((e) => store.getState().receive(e));
    frames.frame();
    const state = store.getState();
    expect(state.summary.status).toBe("cancelled");
    expect(state.instances["a#0.0"]).toMatchObject({ status: "cancelled", endedAt: state.endedAt });
    expect(state.summary.nodes.a.status).toBe("cancelled");
    expect(state.summary.nodes.b.status).toBe("skipped");
    expect(state.timeline[0].status).toBe("cancelled");
  });
});

describe("criticalPath", () => {
  it("runs from the last bar back through what each one waited for", async () => {
    const events = await researchRun();
    const store = createRunStore({ graph: research, schedule: () => () => {} });
    events.forEach((e) => store.getState().receive(e));
    store.getState().flush();
    const bars = store.getState().timeline;
    const path = criticalPath(bars, buildTopology(research), 0);
    const nodes = bars.filter((b) => path.has(b.key)).map((b) => b.nodeId);
    expect(nodes[0]).toBe("research-planner");
    expect(nodes.at(-1)).toBe("reviewer");
    // Exactly one executor instance gates the reviewer: the one that finished last.
    const executors = bars.filter((b) => b.nodeId === "researcher" || b.nodeId === "analyst");
    const last = executors.reduce((x, y) => (y.end! > x.end! ? y : x));
    expect([...path]).toContain(last.key);
    expect(path.size).toBe(3);
  });

  it("follows a pool instance that waited for a sibling's slot", () => {
    const graph = fixtureGraph([rawNode("planner", "p"), rawNode("executor", "x", { options: { concurrency: 1 } })], [rawEdge("p", "x")]);
    const bar = (key: string, nodeId: string, start: number, end: number) =>
      ({ key, nodeId, label: nodeId, role: "executor", tier: "mini", instance: 0, iteration: 0, title: null, start, end, status: "succeeded" }) as const;
    const bars = [bar("p", "p", 0, 100), bar("x0", "x", 100, 300), bar("x1", "x", 300, 400), bar("x2", "x", 100.5, 150)];
    expect([...criticalPath(bars, buildTopology(graph), 0)].sort()).toEqual(["p", "x0", "x1"]);
  });
});
