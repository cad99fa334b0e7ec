import { describe, expect, it } from "vitest";
import type { EngineEvent, RunEvent } from "@/lib/engine/events";
import { RunEventLog } from "./event-log";

const scope = { nodeId: "a", instance: 0, iteration: 0 };
const delta = (text: string, nodeId = "a"): EngineEvent => ({ type: "node.delta", ts: 1, ...scope, nodeId, text });

describe("RunEventLog", () => {
  it("coalesces deltas per instance, flushes them before any other event, and numbers without gaps", () => {
    const out: RunEvent[] = [];
    const log = new RunEventLog("run1", (e) => out.push(e), 10_000);
    log.push(delta("Hel"));
    log.push(delta("lo"));
    log.push(delta("Other", "b"));
    log.push(delta(" world"));
    expect(out).toHaveLength(0);
    log.push({ type: "node.failed", ts: 2, ...scope, error: "boom" });
    expect(out.map((e) => [e.seq, e.type, "text" in e ? e.text : null])).toEqual([
      [1, "node.delta", "Hello world"],
      [2, "node.delta", "Other"],
      [3, "node.failed", null],
    ]);
    expect(out.every((e) => e.runId === "run1")).toBe(true);
    expect(log.lastSeq).toBe(3);
  });

  it("emits pending deltas after the window even when nothing else happens", async () => {
    const out: RunEvent[] = [];
    const log = new RunEventLog("run1", (e) => out.push(e), 5);
    log.push(delta("streaming"));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(out.map((e) => e.type)).toEqual(["node.delta"]);
  });
});
