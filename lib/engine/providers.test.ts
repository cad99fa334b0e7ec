import { describe, expect, it } from "vitest";
import { applyCatalogOverrides, DEFAULT_CATALOG, resolveModel } from "@/lib/models";
import { createAdapter, PROVIDER_KINDS } from "@/lib/models/providers";
import { createRunSummary, foldRunEvents } from "./run-summary";
import type { RunEvent } from "./events";
import { ProviderRoutes } from "./provider-routes";
import { fixtureGraph, instantClock, ofType, rawEdge, rawNode, recordingClient, runFixture } from "./test-harness";

const TASK = "Compare solar and wind power for a small farm.";

/** Nano runs on "local", an Ollama-like provider: no stream_options, no json_schema. */
const catalog = applyCatalogOverrides(DEFAULT_CATALOG, {
  tiers: { nano: "llama3.2" },
  models: {
    "llama3.2": { label: "Llama 3.2", provider: "local", pricing: { inputPerMillion: 0.05, outputPerMillion: 0.1 } },
    "qwen3:8b": { provider: "local", pricing: null },
  },
});

function graph(plannerModel?: string) {
  return fixtureGraph(
    [
      rawNode("planner", "plan", { label: "Planner", instructions: "Split the work. [sim:items=3]", ...(plannerModel ? { model: plannerModel } : {}) }),
      rawNode("executor", "work", { label: "Worker", tier: "nano", instructions: "Research." }),
    ],
    [rawEdge("plan", "work")],
  );
}

/** Provider A: the full API. Provider B: the simulator with a compatibility layer's limits, which refuses what it does not know with a 400. */
function twoProviders() {
  const a = recordingClient({ seed: 1 });
  const b = recordingClient({ seed: 2, compat: { streamUsage: false, jsonSchema: false } });
  const adapter = createAdapter(PROVIDER_KINDS.ollama.compat);
  return { a, b, providers: { local: { label: "Local Ollama", client: b.client, adapter } } };
}

describe("runs across two providers", () => {
  it("sends the planner's calls to provider A and every executor call to provider B, adapted to what B accepts", async () => {
    const { a, b, providers } = twoProviders();
    const { outcome, events } = await runFixture(graph(), TASK, { client: a.client, catalog, providers });
    expect(outcome.status).toBe("succeeded");

    expect(a.requests.map((r) => r.model)).toEqual(["gpt-5.4"]);
    expect(a.requests[0]).toMatchObject({ stream_options: { include_usage: true }, response_format: { type: "json_schema" } });
    expect(b.requests).toHaveLength(3);
    for (const request of b.requests) {
      expect(request.model).toBe("llama3.2");
      expect(request).not.toHaveProperty("stream_options");
    }

    const usage = ofType(events, "node.usage");
    expect(usage.filter((e) => e.nodeId === "plan").map((e) => e.provider)).toEqual(["Simulator"]);
    expect(usage.filter((e) => e.nodeId === "work").map((e) => e.provider)).toEqual(["Local Ollama", "Local Ollama", "Local Ollama"]);
    // B never reports usage without stream_options: its calls are estimated, and say so.
    expect(usage.filter((e) => e.nodeId === "work").every((e) => e.estimated)).toBe(true);
  });

  it("gets a structured plan from a provider without json_schema: JSON mode with the schema in the prompt", async () => {
    const { a, b, providers } = twoProviders();
    const { outcome, events } = await runFixture(graph("llama3.2"), TASK, { client: a.client, catalog, providers });
    expect(outcome.status).toBe("succeeded");
    expect(a.requests).toHaveLength(0);
    const planRequest = b.requests[0] as { response_format?: unknown; messages: { content: string }[] };
    expect(planRequest.response_format).toEqual({ type: "json_object" });
    expect(planRequest.messages[0].content).toContain('"subtasks"');
    expect(ofType(events, "node.completed").find((e) => e.nodeId === "plan")!.plan).toHaveLength(3);
  });

  it("fails with the provider's own 400 when a compatibility layer gets parameters it refuses", async () => {
    const { a, b } = twoProviders();
    const unadapted = { local: { label: "Local Ollama", client: b.client } };
    const { outcome } = await runFixture(graph(), TASK, { client: a.client, catalog, providers: unadapted });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toContain("Unrecognized request argument supplied: stream_options");
  });

  it("groups the run's spend by provider and model, unpriced models never counted as $0", async () => {
    const { a, providers } = twoProviders();
    const unpriced = fixtureGraph(
      [
        rawNode("planner", "plan", { label: "Planner", instructions: "Split the work. [sim:items=2]" }),
        rawNode("executor", "work", { label: "Worker", tier: "nano" }),
        rawNode("executor", "qwen", { label: "Qwen", tier: "nano", model: "qwen3:8b" }),
      ],
      [rawEdge("plan", "work"), rawEdge("plan", "qwen")],
    );
    const stamped: RunEvent[] = [];
    await runFixture(unpriced, TASK, { client: a.client, catalog, providers, onEvent: (e) => stamped.push({ ...e, runId: "r", seq: stamped.length + 1 } as RunEvent) });
    const { spend } = foldRunEvents(createRunSummary(unpriced, catalog), stamped);
    const usage = ofType(stamped, "node.usage");
    const sum = (nodeId: string) => usage.filter((e) => e.nodeId === nodeId).reduce((n, e) => n + (e.costNanoUsd ?? 0), 0);

    expect(Object.keys(spend).sort()).toEqual(["Local Ollama · llama3.2", "Local Ollama · qwen3:8b", "Simulator · gpt-5.4"]);
    expect(spend["Simulator · gpt-5.4"]).toMatchObject({ calls: 1, costNanoUsd: sum("plan"), baselineNanoUsd: sum("plan") });
    // The baseline prices every call on the flagship tier, a local model's too.
    const total = Object.values(spend).reduce((n, line) => n + line.baselineNanoUsd, 0);
    expect(total).toBe(usage.reduce((n, e) => n + e.baselineNanoUsd, 0));
    expect(spend["Local Ollama · qwen3:8b"].baselineNanoUsd).toBeGreaterThan(0);
    expect(spend["Local Ollama · llama3.2"].costNanoUsd).toBe(sum("work"));
    expect(spend["Local Ollama · llama3.2"].costNanoUsd).toBeGreaterThan(0);
    expect(spend["Local Ollama · qwen3:8b"]).toMatchObject({ costNanoUsd: null, unpricedCalls: spend["Local Ollama · qwen3:8b"].calls });
  });

  it("holds back only the rate-limited provider's calls after a 429", async () => {
    const { a, providers } = twoProviders();
    const clock = instantClock();
    const limited = fixtureGraph(
      [
        rawNode("executor", "flagship", { label: "Flagship", tier: "flagship", instructions: "Write it. [sim:error=429x1]" }),
        rawNode("executor", "local", { label: "Local", tier: "nano", instructions: "Write it." }),
      ],
      [],
    );
    const { outcome, events } = await runFixture(limited, TASK, { client: a.client, catalog, providers, clock });
    expect(outcome.status).toBe("succeeded");
    // One retry on A, after the 1 s it asked for; B's call went ahead without waiting.
    expect(ofType(events, "node.retry").map((e) => [e.nodeId, e.delayMs])).toEqual([["flagship", 1000]]);
    expect(clock.sleeps).toEqual([1000]);
  });

  it("makes a provider's next calls wait out its 429 pause while another provider's go at once", async () => {
    const { a, providers } = twoProviders();
    const clock = instantClock();
    const routes = new ProviderRoutes({ client: a.client, providers, simulated: true });
    const flagship = routes.for(resolveModel(catalog, "flagship"));
    const local = routes.for(resolveModel(catalog, "nano"));
    expect([flagship.label, local.label]).toEqual(["Simulator", "Local Ollama"]);

    flagship.pause(clock, 2000);
    const signal = new AbortController().signal;
    expect(local.ready(clock, signal)).toBeNull();
    expect(clock.sleeps).toEqual([]);
    await flagship.ready(clock, signal);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(1900);
  });

  it("fails a node whose model names a provider the run was not given", () => {
    const routes = new ProviderRoutes({ client: twoProviders().a.client, simulated: true });
    expect(() => routes.for(resolveModel(catalog, "nano"))).toThrow(/mapped to a provider that no longer exists \(local\)/);
  });
});
