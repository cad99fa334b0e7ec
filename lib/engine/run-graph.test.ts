import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG } from "@/lib/models";
import type { EngineEvent } from "./events";
import { fixtureGraph, indexOf, ofType, rawEdge, rawNode, runFixture, trace } from "./test-harness";

const TASK = "Compare solar and wind power for a small farm.";

/** Planner → executors Alpha and Beta → reviewer: the pattern Tierflow exists for. */
function hierarchy() {
  return fixtureGraph(
    [
      rawNode("planner", "plan", { label: "Planner", instructions: "Split the work. [sim:items=4]" }),
      rawNode("executor", "alpha", { label: "Alpha", instructions: "Research." }),
      rawNode("executor", "beta", { label: "Beta", instructions: "Analyse.", tier: "nano" }),
      rawNode("reviewer", "review", { label: "Review", instructions: "Review it." }),
    ],
    [rawEdge("plan", "alpha"), rawEdge("plan", "beta"), rawEdge("alpha", "review"), rawEdge("beta", "review")],
  );
}

function assertWellFormed(events: readonly EngineEvent[]) {
  expect(events[0].type).toBe("run.started");
  const finals = events.filter((e) => e.type.startsWith("run.") && e.type !== "run.started");
  expect(finals).toHaveLength(1);
  expect(events.at(-1)).toBe(finals[0]);
}

describe("runGraph: roles and event order", () => {
  it("runs planner → routed pools → reviewer, each step after its inputs", async () => {
    const { outcome, events } = await runFixture(hierarchy(), TASK);
    assertWellFormed(events);
    expect(outcome.status).toBe("succeeded");
    expect(outcome.approved).toBe(true);

    const plan = ofType(events, "node.completed").find((e) => e.nodeId === "plan")!.plan!;
    expect(plan.map((s) => s.executor)).toEqual(["Alpha", "Beta", "Alpha", "Beta"]);
    expect(trace(events, "plan")).toEqual(["node.started plan#0.0", "node.usage plan#0.0", "node.completed plan#0.0"]);

    // Each executor runs one instance per subtask routed to it, numbered within that executor.
    for (const [id, label] of [["alpha", "Alpha"], ["beta", "Beta"]] as const) {
      const started = ofType(events, "node.started").filter((e) => e.nodeId === id);
      const routed = plan.filter((s) => s.executor === label);
      expect(started.map((e) => e.instance)).toEqual([0, 1]);
      expect(started.map((e) => e.title)).toEqual(routed.map((s) => s.title));
      expect(started.every((e) => e.poolSize === 2)).toBe(true);
      // Every instance's prompt carries its own subtask.
      started.forEach((e, i) => expect(e.messages[1].content).toContain(routed[i].instructions));
      expect(indexOf(events, "node.started", id)).toBeGreaterThan(indexOf(events, "node.completed", "plan"));
    }
    expect(ofType(events, "node.started").find((e) => e.nodeId === "beta")!.model).toBe("gpt-5.4-nano");

    // The reviewer starts only after both pools finished, and sees every instance labelled.
    const reviewStart = indexOf(events, "node.started", "review");
    for (const id of ["alpha", "beta"]) {
      const last = events.findLastIndex((e) => e.type === "node.completed" && e.nodeId === id);
      expect(reviewStart).toBeGreaterThan(last);
    }
    const reviewPrompt = ofType(events, "node.started").find((e) => e.nodeId === "review")!.messages[1].content;
    expect(reviewPrompt).toContain(`## Alpha, subtask 1: ${plan[0].title}`);
    expect(reviewPrompt).toContain(`## Beta, subtask 2: ${plan[3].title}`);

    // The pass's last instance carries the pool's output: instance answers under subtask titles.
    const alphaDone = ofType(events, "node.completed").filter((e) => e.nodeId === "alpha");
    const joined = alphaDone.find((e) => e.nodeOutput !== undefined)!.nodeOutput!;
    expect(alphaDone.filter((e) => e.nodeOutput !== undefined)).toHaveLength(1);
    const alphaStarts = ofType(events, "node.started").filter((e) => e.nodeId === "alpha");
    for (const done of alphaDone) {
      const title = alphaStarts.find((e) => e.instance === done.instance)!.title;
      expect(joined).toContain(`## ${title}\n\n${done.output.trim()}`);
    }

    const verdict = ofType(events, "node.completed").find((e) => e.nodeId === "review")!.verdict!;
    expect(verdict.verdict).toBe("approve");
    expect(outcome.output).toBe(verdict.output);
  });

  it("streams text as node.delta events that add up to the instance's output", async () => {
    const graph = fixtureGraph([rawNode("executor", "solo", { label: "Solo" })]);
    const { outcome, events } = await runFixture(graph, `${TASK} [sim:tokens=80]`);
    const deltas = ofType(events, "node.delta");
    expect(deltas.length).toBeGreaterThan(10);
    const completed = ofType(events, "node.completed")[0];
    expect(deltas.map((d) => d.text).join("")).toBe(completed.output);
    expect(outcome.output).toBe(completed.output);
    // Deltas arrive between the start and the usage report.
    expect(indexOf(events, "node.delta")).toBeGreaterThan(indexOf(events, "node.started"));
    expect(events.findLastIndex((e) => e.type === "node.delta")).toBeLessThan(indexOf(events, "node.usage"));
  });

  it("completes an executor with nothing routed to it without a model call", async () => {
    const graph = fixtureGraph(
      [
        rawNode("planner", "plan", { label: "Planner", instructions: "[sim:items=1]" }),
        rawNode("executor", "alpha", { label: "Alpha" }),
        rawNode("executor", "beta", { label: "Beta" }),
      ],
      [rawEdge("plan", "alpha"), rawEdge("plan", "beta")],
    );
    const { outcome, events } = await runFixture(graph, TASK);
    expect(outcome.status).toBe("succeeded");
    expect(trace(events, "beta")).toEqual(["node.started beta#0.0", "node.completed beta#0.0"]);
    expect(ofType(events, "node.completed").find((e) => e.nodeId === "beta")!.output).toBe("No subtasks were routed to Beta.");
    // Two sinks: the run output joins them under their labels.
    expect(outcome.output).toMatch(/^## Alpha\n\n[\s\S]+\n\n## Beta\n\nNo subtasks were routed to Beta\.$/);
  });

  it("gives a chained executor its predecessors' outputs, and independent nodes run concurrently", async () => {
    const graph = fixtureGraph(
      [rawNode("executor", "a", { label: "A" }), rawNode("executor", "b", { label: "B" }), rawNode("executor", "c", { label: "C" })],
      [rawEdge("a", "c"), rawEdge("b", "c")],
    );
    const { outcome, events } = await runFixture(graph, TASK, { speed: 50 });
    expect(outcome.status).toBe("succeeded");
    // A and B both start before either completes.
    expect(indexOf(events, "node.started", "b")).toBeLessThan(indexOf(events, "node.completed", "a"));
    const outputs = Object.fromEntries(ofType(events, "node.completed").map((e) => [e.nodeId, e.output]));
    const prompt = ofType(events, "node.started").find((e) => e.nodeId === "c")!.messages[1].content;
    expect(prompt).toContain(`# Input from A\n\n${outputs.a.trim()}`);
    expect(prompt).toContain(`# Input from B\n\n${outputs.b.trim()}`);
    expect(outcome.output).toBe(outputs.c);
  });
});

describe("runGraph: cost", () => {
  it("sums call costs into nodes and the run; the flagship baseline is at least the cost", async () => {
    const { outcome, events } = await runFixture(hierarchy(), TASK);
    const usage = ofType(events, "node.usage");
    expect(usage.length).toBeGreaterThanOrEqual(6);
    const byNode = new Map<string, number>();
    for (const u of usage) byNode.set(u.nodeId, (byNode.get(u.nodeId) ?? 0) + u.costNanoUsd!);
    // node.completed reports each instance's own calls.
    const fromInstances = ofType(events, "node.completed").reduce((sum, e) => sum + (e.costNanoUsd ?? 0), 0);
    const total = [...byNode.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(outcome.totals.costNanoUsd);
    expect(fromInstances).toBe(outcome.totals.costNanoUsd);
    expect(outcome.totals.costComplete).toBe(true);
    expect(outcome.totals.usage.inputTokens).toBe(usage.reduce((s, u) => s + u.usage.inputTokens, 0));
    expect(outcome.totals.baselineNanoUsd).toBe(usage.reduce((s, u) => s + u.baselineNanoUsd, 0));
    // Mini and nano executors make the run cheaper than running everything on the flagship.
    expect(outcome.totals.baselineNanoUsd).toBeGreaterThan(outcome.totals.costNanoUsd);
    for (const u of usage) expect(u.baselineNanoUsd).toBeGreaterThanOrEqual(u.costNanoUsd!);
    const final = events.at(-1)!;
    expect(final.type === "run.completed" && final.costNanoUsd).toBe(outcome.totals.costNanoUsd);
  });

  it("marks a model without a price as unpriced, never $0", async () => {
    const graph = fixtureGraph([rawNode("executor", "x", { label: "X", model: "local-llama" }), rawNode("executor", "y", { label: "Y" })]);
    const { outcome, events } = await runFixture(graph, TASK, { catalog: DEFAULT_CATALOG });
    const x = ofType(events, "node.usage").find((e) => e.nodeId === "x")!;
    expect(x.model).toBe("local-llama");
    expect(x.costNanoUsd).toBeNull();
    expect(ofType(events, "node.completed").find((e) => e.nodeId === "x")!.costNanoUsd).toBeNull();
    expect(outcome.totals.costComplete).toBe(false);
    expect(outcome.totals.costNanoUsd).toBe(ofType(events, "node.usage").find((e) => e.nodeId === "y")!.costNanoUsd);
  });
});
