import { describe, expect, it } from "vitest";
import { fixtureGraph, indexOf, ofType, rawEdge, rawNode, runFixture, trace } from "./test-harness";

const TASK = "Plan a one-day trip to the coast.";

/** plan → draft (pool) → polish → review, with review able to send `draft` back. */
function reviewLoop(reviewerInstructions: string, maxRevisions = 2) {
  return fixtureGraph(
    [
      rawNode("planner", "plan", { label: "Planner", instructions: "Split it. [sim:items=2]" }),
      rawNode("executor", "draft", { label: "Drafter" }),
      rawNode("executor", "polish", { label: "Polisher" }),
      rawNode("reviewer", "review", { label: "Reviewer", instructions: reviewerInstructions, options: { maxRevisions } }),
    ],
    [rawEdge("plan", "draft"), rawEdge("draft", "polish"), rawEdge("polish", "review"), rawEdge("review", "draft", { kind: "revise" })],
  );
}

describe("revise loop", () => {
  it("reruns the target and everything downstream as iteration 1 with the feedback, then approves", async () => {
    const { outcome, events } = await runFixture(reviewLoop("Check it. [sim:revise=1]"), TASK);
    expect(outcome.status).toBe("succeeded");
    expect(outcome.approved).toBe(true);

    const [revise] = ofType(events, "review.revise");
    expect(revise).toMatchObject({ nodeId: "review", iteration: 0, targets: ["draft"], nextIteration: 1 });
    const firstVerdict = ofType(events, "node.completed").find((e) => e.nodeId === "review" && e.iteration === 0)!.verdict!;
    expect(firstVerdict.verdict).toBe("revise");
    expect(revise.feedback).toBe(firstVerdict.feedback);
    expect(indexOf(events, "review.revise")).toBe(indexOf(events, "node.completed", "review") + 1);

    // The planner is upstream of the target: it runs once. The target pool, its downstream and the reviewer rerun.
    expect(trace(events, "plan")).toEqual(["node.started plan#0.0", "node.usage plan#0.0", "node.completed plan#0.0"]);
    expect(trace(events, "draft").filter((l) => l.startsWith("node.started"))).toEqual([
      "node.started draft#0.0",
      "node.started draft#1.0",
      "node.started draft#0.1",
      "node.started draft#1.1",
    ]);
    expect(trace(events, "polish").filter((l) => l.startsWith("node.completed"))).toEqual(["node.completed polish#0.0", "node.completed polish#0.1"]);
    expect(trace(events, "review").filter((l) => l.startsWith("node.completed"))).toEqual(["node.completed review#0.0", "node.completed review#0.1"]);

    // Targets get the feedback and their previous answer; downstream nodes get the new upstream output only.
    const rerun = ofType(events, "node.started").filter((e) => e.nodeId === "draft" && e.iteration === 1);
    for (const start of rerun) {
      expect(start.messages[1].content).toContain(`Feedback from Reviewer:\n\n${revise.feedback.trim()}`);
      expect(start.messages[1].content).toContain("Your previous output:");
    }
    const polish1 = ofType(events, "node.started").find((e) => e.nodeId === "polish" && e.iteration === 1)!;
    expect(polish1.messages[1].content).not.toContain("Feedback from");
    const draft1Output = ofType(events, "node.completed").find((e) => e.nodeId === "draft" && e.iteration === 1 && e.nodeOutput)!.nodeOutput!;
    expect(polish1.messages[1].content).toContain(draft1Output.trim());
    // The system prompt stays the same across passes.
    const reviewStarts = ofType(events, "node.started").filter((e) => e.nodeId === "review");
    expect(reviewStarts[1].messages[0]).toEqual(reviewStarts[0].messages[0]);
    expect(reviewStarts[1].messages[1].content).toContain("Your feedback on the previous pass");

    const finalVerdict = ofType(events, "node.completed").find((e) => e.nodeId === "review" && e.iteration === 1)!.verdict!;
    expect(finalVerdict.verdict).toBe("approve");
    expect(outcome.output).toBe(finalVerdict.output);
  });

  it("ends unapproved with the reviewer's output once maxRevisions is used up", async () => {
    const { outcome, events } = await runFixture(reviewLoop("Check it. [sim:revise=9]", 1), TASK);
    expect(outcome.status).toBe("succeeded");
    expect(outcome.approved).toBe(false);
    expect(ofType(events, "review.revise")).toHaveLength(1);
    const verdicts = ofType(events, "node.completed").filter((e) => e.nodeId === "review");
    expect(verdicts.map((v) => [v.iteration, v.verdict!.verdict])).toEqual([
      [0, "revise"],
      [1, "revise"],
    ]);
    expect(outcome.output).toBe(verdicts[1].verdict!.output);
    const final = events.at(-1)!;
    expect(final.type === "run.completed" && final.approved).toBe(false);
  });

  it("does not loop without a revise edge: a revise verdict ends the run unapproved", async () => {
    const graph = fixtureGraph(
      [rawNode("executor", "w", { label: "Writer" }), rawNode("reviewer", "r", { label: "Reviewer", instructions: "[sim:revise=1]" })],
      [rawEdge("w", "r")],
    );
    const { outcome, events } = await runFixture(graph, TASK);
    expect(outcome.approved).toBe(false);
    expect(ofType(events, "review.revise")).toHaveLength(0);
  });

  it("reruns a downstream node that was still running when the revision came, once its inputs are redone", async () => {
    const graph = fixtureGraph(
      [
        rawNode("executor", "a", { label: "A", tier: "nano", instructions: "[sim:tokens=20]" }),
        rawNode("executor", "slow", { label: "Slow", tier: "flagship", instructions: "[sim:tokens=1000]" }),
        rawNode("reviewer", "r", { label: "Reviewer", tier: "nano", instructions: "[sim:revise=1]" }),
      ],
      [rawEdge("a", "slow"), rawEdge("a", "r"), rawEdge("r", "a", { kind: "revise" })],
    );
    const { outcome, events } = await runFixture(graph, TASK, { speed: 20 });
    expect(outcome.status).toBe("succeeded");
    expect(outcome.approved).toBe(true);
    const revisedAt = indexOf(events, "review.revise");
    // The slow branch was mid-run at the revision: its stale pass finishes, then it runs again on A's new output.
    expect(indexOf(events, "node.completed", "slow")).toBeGreaterThan(revisedAt);
    expect(trace(events, "slow").filter((l) => !l.startsWith("node.usage"))).toEqual([
      "node.started slow#0.0",
      "node.completed slow#0.0",
      "node.started slow#0.1",
      "node.completed slow#0.1",
    ]);
    const a1 = ofType(events, "node.completed").find((e) => e.nodeId === "a" && e.iteration === 1)!;
    const slow1 = ofType(events, "node.started").find((e) => e.nodeId === "slow" && e.iteration === 1)!;
    expect(events.indexOf(slow1)).toBeGreaterThan(events.indexOf(a1));
    expect(slow1.messages[1].content).toContain(a1.output.trim());
    const slowFinal = ofType(events, "node.completed").find((e) => e.nodeId === "slow" && e.iteration === 1)!;
    expect(outcome.output).toContain(slowFinal.output.trim());
  });
});
