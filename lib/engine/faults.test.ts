import { describe, expect, it } from "vitest";
import { fixtureGraph, indexOf, instantClock, ofType, rawEdge, rawNode, registryToolHost, runFixture, trace } from "./test-harness";

const TASK = "Summarise the benefits of unit tests.";

function single(instructions: string) {
  return fixtureGraph([rawNode("executor", "work", { label: "Worker", instructions })]);
}

describe("provider faults", () => {
  it("retries a 429 after the provider's Retry-After", async () => {
    const clock = instantClock();
    const { outcome, events } = await runFixture(single("Answer. [sim:error=429]"), TASK, { clock });
    expect(outcome.status).toBe("succeeded");
    const [retry] = ofType(events, "node.retry");
    expect(retry).toMatchObject({ nodeId: "work", instance: 0, attempt: 2, delayMs: 1000 });
    expect(retry.reason).toMatch(/^429 Rate limit reached/);
    expect(clock.sleeps).toEqual([1000]);
    expect(trace(events)).toEqual([
      "run.started",
      "node.started work#0.0",
      "node.retry work#0.0",
      "node.usage work#0.0",
      "node.completed work#0.0",
      "run.completed",
    ]);
  });

  it("retries 500s with exponential backoff", async () => {
    const clock = instantClock();
    const { outcome, events } = await runFixture(single("Answer. [sim:error=500x2]"), TASK, { clock, retry: { baseDelayMs: 400, maxDelayMs: 10_000 } });
    expect(outcome.status).toBe("succeeded");
    const retries = ofType(events, "node.retry");
    expect(retries.map((r) => r.attempt)).toEqual([2, 3]);
    expect(retries[0].reason).toMatch(/^500 /);
    // 400 ms then 800 ms, each within ±20% jitter.
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(320);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(480);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(640);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(960);
    expect(ofType(events, "node.usage")).toHaveLength(1);
  });

  it("retries a stream cut mid-way; text after the retry is the whole answer", async () => {
    const clock = instantClock();
    const { outcome, events } = await runFixture(single("Answer. [sim:error=cut]"), TASK, { clock });
    expect(outcome.status).toBe("succeeded");
    const retryAt = indexOf(events, "node.retry");
    expect(ofType(events, "node.retry")[0].reason).toMatch(/^Stream interrupted: terminated/);
    // Partial text streamed before the cut, then a fresh answer.
    expect(events.slice(0, retryAt).some((e) => e.type === "node.delta")).toBe(true);
    const after = ofType(events.slice(retryAt), "node.delta").map((d) => d.text).join("");
    expect(after).toBe(outcome.output);
  });

  it("fails the node when retries run out, skips its dependents and names it in run.failed", async () => {
    const clock = instantClock();
    const graph = fixtureGraph(
      [
        rawNode("executor", "flaky", { label: "Flaky", tier: "nano", instructions: "Answer. [sim:error=500x9]" }),
        rawNode("executor", "after", { label: "After" }),
        rawNode("executor", "solo", { label: "Solo", instructions: "Write at length. [sim:tokens=150]" }),
        rawNode("executor", "solo-next", { label: "Solo next" }),
      ],
      [rawEdge("flaky", "after"), rawEdge("solo", "solo-next")],
    );
    const { outcome, events } = await runFixture(graph, TASK, { clock, speed: 20, retry: { maxAttempts: 3 } });

    expect(outcome.status).toBe("failed");
    expect(ofType(events, "node.retry").map((r) => r.attempt)).toEqual([2, 3]);
    const failed = ofType(events, "node.failed");
    expect(failed).toHaveLength(1);
    expect(failed[0].nodeId).toBe("flaky");
    expect(failed[0].error).toMatch(/failed after 3 attempts: 500 The server had an error/);

    const skipped = ofType(events, "node.skipped");
    expect(skipped.find((e) => e.nodeId === "after")!.reason).toBe('Depends on failed node "Flaky"');
    // Not yet started when the run failed: never starts.
    expect(skipped.find((e) => e.nodeId === "solo-next")!.reason).toBe('Not started: the run failed at node "Flaky"');
    // The independent node in flight finishes, then the run fails.
    expect(indexOf(events, "node.completed", "solo")).toBeGreaterThan(indexOf(events, "node.failed", "flaky"));
    expect(trace(events).slice(-2)).toEqual(["node.completed solo#0.0", "run.failed"]);
    expect(outcome.error).toBe(`Node "Flaky" (flaky) failed: ${failed[0].error}`);
    const final = events.at(-1)!;
    expect(final.type === "run.failed" && final.error).toBe(outcome.error);
  });

  it("fails at once on a non-retryable 4xx", async () => {
    const tools = registryToolHost();
    const broken = { ...tools, definitions: () => [{ type: "function" as const, function: { name: "not a valid name", parameters: {} } }] };
    const graph = fixtureGraph([rawNode("executor", "work", { label: "Worker", tools: ["calculator"] })]);
    const { outcome, events } = await runFixture(graph, TASK, { tools: broken, clock: instantClock() });
    expect(outcome.status).toBe("failed");
    expect(ofType(events, "node.retry")).toHaveLength(0);
    expect(ofType(events, "node.failed")[0].error).toMatch(/^Model call to gpt-5\.4-mini failed: 400 /);
  });

  it("fails the planner with a clear message when its plan is not valid JSON", async () => {
    const graph = fixtureGraph(
      [
        // A tiny output limit cuts the JSON plan short.
        rawNode("planner", "plan", { label: "Planner", options: { maxOutputTokens: 16 } }),
        rawNode("executor", "work", { label: "Worker" }),
      ],
      [rawEdge("plan", "work")],
    );
    const { outcome, events } = await runFixture(graph, TASK);
    expect(outcome.status).toBe("failed");
    expect(ofType(events, "node.failed")[0].error).toBe(
      "The plan was not valid JSON: the answer was cut off at the output token limit (raise Max output tokens)",
    );
    expect(ofType(events, "node.skipped").map((e) => e.nodeId)).toEqual(["work"]);
  });
});
