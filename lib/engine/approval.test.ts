import { describe, expect, it } from "vitest";
import type { EngineEvent } from "./events";
import { restoreRun, scopeKey } from "./restore";
import { fixtureGraph, ofType, rawEdge, rawNode, runFixture } from "./test-harness";

const TASK = "Write a short product announcement.";

/** draft → gate (approval) → publish, with `side` running alongside, unaffected by the gate. */
const graph = fixtureGraph(
  [
    rawNode("executor", "draft", { label: "Drafter" }),
    rawNode("approval", "gate", { label: "Sign-off", options: { timeoutSeconds: 60, onTimeout: "approve" } }),
    rawNode("executor", "publish", { label: "Publisher" }),
    rawNode("executor", "side", { label: "Translator" }),
  ],
  [rawEdge("draft", "gate"), rawEdge("gate", "publish")],
);

const GATE = { nodeId: "gate", instance: 0, iteration: 0 };
const costOf = (events: readonly EngineEvent[]) => ofType(events, "node.usage").reduce((sum, e) => sum + (e.costNanoUsd ?? 0), 0);

function decided(before: readonly EngineEvent[], decision: { decision: "approve" | "reject"; text?: string; comment?: string }): EngineEvent {
  const request = ofType(before, "approval.requested")[0];
  const text = decision.text ?? request.text;
  return {
    type: "approval.decided",
    ts: request.ts + 5000,
    ...GATE,
    decision: decision.decision,
    text,
    edited: text !== request.text,
    comment: decision.comment ?? null,
    by: { userId: "u1", name: "Ada" },
    timedOut: false,
  };
}

/** Resumes from `before` on a differently seeded simulator, so any work not taken from the log would differ. */
async function resume(before: EngineEvent[]) {
  const { outcome, events } = await runFixture(graph, TASK, { seed: 99, restore: restoreRun(before) });
  return { outcome, events, all: [...before, ...events] };
}

describe("an approval step", async () => {
  const first = await runFixture(graph, TASK, { seed: 1 });

  it("stops the run at the gate once everything else that can run has finished, asking with the upstream output", () => {
    expect(first.outcome.status).toBe("waiting");
    const request = ofType(first.events, "approval.requested")[0];
    const draft = ofType(first.events, "node.completed").find((e) => e.nodeId === "draft")!;
    expect(request).toMatchObject({ ...GATE, label: "Sign-off", text: draft.output, upstream: [{ nodeId: "draft", label: "Drafter", output: draft.output }], onTimeout: "approve" });
    expect(request.deadline).toBe(request.ts + 60_000);
    expect(ofType(first.events, "node.completed").map((e) => e.nodeId).sort()).toEqual(["draft", "side"]);
    expect(ofType(first.events, "node.started").some((e) => e.nodeId === "publish")).toBe(false);
    // The run is not over: `run.waiting` closes this part, with the spend so far, and no final event.
    expect(first.events.at(-1)).toMatchObject({ type: "run.waiting", waitingFor: ["gate"], costNanoUsd: costOf(first.events) });
    expect(first.events.some((e) => e.type.startsWith("run.") && !["run.started", "run.waiting"].includes(e.type))).toBe(false);
    // No model is called for the gate.
    expect(ofType(first.events, "node.usage").some((e) => e.nodeId === "gate")).toBe(false);
  });

  it("resumed without a decision, waits again without asking twice or rerunning anything", async () => {
    const { outcome, events } = await resume(first.events);
    expect(outcome.status).toBe("waiting");
    expect(events.map((e) => e.type)).toEqual(["run.resumed", "run.waiting"]);
    expect(events[0]).toMatchObject({ rerun: [] });
  });

  it("resumed with an edited approval in its log, continues downstream with the edited text: nothing rerun, nothing billed twice", async () => {
    const edited = "Approved announcement: Tierflow now pauses for people.";
    const before = [...first.events, decided(first.events, { decision: "approve", text: edited, comment: "Shorter." })];
    const { outcome, events, all } = await resume(before);

    expect(outcome.status).toBe("succeeded");
    expect(ofType(events, "node.started").map((e) => e.nodeId)).toEqual(["publish"]);
    expect(ofType(events, "node.completed").find((e) => e.nodeId === "gate")).toMatchObject({ output: edited, costNanoUsd: 0, latencyMs: 5000 });
    const publish = ofType(events, "node.started").find((e) => e.nodeId === "publish")!;
    expect(publish.messages.map((m) => m.content).join("\n")).toContain(edited);
    const completions = ofType(all, "node.completed").map(scopeKey);
    expect(new Set(completions).size).toBe(completions.length);
    expect(outcome.totals.costNanoUsd).toBe(costOf(all));
    expect(costOf(events)).toBe(ofType(events, "node.usage").filter((e) => e.nodeId === "publish").reduce((sum, e) => sum + (e.costNanoUsd ?? 0), 0));
  });

  it("resumed again after a crash past the decision, does not complete the gate twice", async () => {
    const before = [...first.events, decided(first.events, { decision: "approve" })];
    const resumed = await resume(before);
    const cut = resumed.events.findIndex((e) => e.type === "node.started" && e.nodeId === "publish");
    const { outcome, events } = await resume([...before, ...resumed.events.slice(0, cut + 1)]);
    expect(outcome.status).toBe("succeeded");
    expect(ofType(events, "node.completed").map((e) => e.nodeId)).toEqual(["publish"]);
    expect(events[0]).toMatchObject({ type: "run.resumed", rerun: [{ nodeId: "publish", instance: 0, iteration: 0 }] });
  });

  it("rejected, fails the run with the reason and skips what follows it", async () => {
    const before = [...first.events, decided(first.events, { decision: "reject", comment: "Off-brand." })];
    const { outcome, events } = await resume(before);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toContain("Rejected by Ada: Off-brand.");
    expect(ofType(events, "node.failed")).toMatchObject([{ ...GATE, error: "Rejected by Ada: Off-brand." }]);
    expect(ofType(events, "node.skipped")).toMatchObject([{ nodeId: "publish" }]);
    expect(ofType(events, "node.started")).toHaveLength(0);
  });
});
