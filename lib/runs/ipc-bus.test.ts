import { describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { RunEventBus } from "./bus";
import { applyBusOps } from "./ipc-bus";

const event = (seq: number): RunEvent => ({ type: "run.started", runId: "r1", seq, ts: seq, input: "x" }) as RunEvent;

describe("replaying a child's bus calls on the web process's bus", () => {
  it("opens a run's topic the web process has not opened, with the child's stored events for late viewers", () => {
    const bus = new RunEventBus();
    applyBusOps(bus, [{ op: "open", runId: "r1", stored: [event(1), event(2)] }]);
    const seen: number[] = [];
    bus.subscribe("r1", 0, (e) => seen.push(e.seq), () => {});
    expect(seen).toEqual([1, 2]);
  });

  it("keeps the viewers of a topic opened at hand-over, and publishes to them only the stored events they lack", () => {
    const bus = new RunEventBus();
    bus.open("r1");
    const seen: number[] = [];
    let ended = false;
    bus.subscribe("r1", 0, (e) => seen.push(e.seq), () => (ended = true));
    bus.publish(event(1));
    // A resume in the child brings the run's stored log, which overlaps what was already published.
    applyBusOps(bus, [{ op: "open", runId: "r1", stored: [event(1), event(2), event(3)] }, { op: "publish", event: event(4) }]);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(ended).toBe(false);
    applyBusOps(bus, [{ op: "close", runId: "r1" }]);
    expect(ended).toBe(true);
  });
});
