import { describe, expect, it } from "vitest";
import type { EngineEvent, RunEvent } from "@/lib/engine/events";
import { graphDocumentSchema } from "@/lib/graph";
import { pipeline } from "@/lib/graph/testing";
import { PromptHider } from "./hide-prompts";

const TASK = 'Plan the "spring" volunteer rota\nfor the riverside food bank.';
const SUBTASK = "List every Saturday shift between March and May with its lead volunteer.";
const graph = graphDocumentSchema.parse({
  ...pipeline(),
  nodes: pipeline().nodes.map((node) => ({ ...node, instructions: `Instructions of ${node.id}: keep every answer short and plain.` })),
});

const scope = (nodeId: string, instance = 0) => ({ nodeId, instance, iteration: 0 });
const usage = { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 };
let seq = 0;
const numbered = (event: EngineEvent): RunEvent => ({ ...event, runId: "run", seq: ++seq }) as RunEvent;

describe("PromptHider", () => {
  it("replaces the task and subtask instructions wherever a model quotes them, learning the plan as it streams", () => {
    const hider = new PromptHider(graph, TASK, true);
    const plan = [{ title: "Saturday shifts", instructions: SUBTASK, executor: "Worker" }];
    const seen = [
      numbered({ type: "node.delta", ts: 1, ...scope("plan"), text: JSON.stringify({ subtasks: plan }) }),
      numbered({ type: "node.completed", ts: 2, ...scope("plan"), output: SUBTASK, plan, usage, costNanoUsd: 1, latencyMs: 1 }),
      numbered({ type: "node.tool_call", ts: 3, ...scope("work"), callId: "c1", tool: "fetch_url", arguments: JSON.stringify({ query: TASK }) }),
      numbered({ type: "node.delta", ts: 4, ...scope("work"), text: `You asked: ${TASK.trim()} My subtask: ${SUBTASK}` }),
      numbered({ type: "node.failed", ts: 5, ...scope("review"), error: `Could not review "${SUBTASK}"` }),
    ].map((event) => hider.event(event));

    const text = JSON.stringify(seen);
    for (const hidden of [TASK, SUBTASK, "riverside food bank", "Saturday shift between"]) expect(text).not.toContain(hidden);
    expect(seen[0]).toMatchObject({ text: "" });
    expect(seen[1]).toMatchObject({ plan: [{ title: "Saturday shifts", instructions: "", executor: "Worker" }], output: "1. Saturday shifts → Worker" });
    expect(seen[2]).toMatchObject({ arguments: '{"query":"[hidden]"}', tool: "fetch_url" });
    expect(seen[3]).toMatchObject({ text: "You asked: [hidden] My subtask: [hidden]" });
    expect(seen[4]).toMatchObject({ error: 'Could not review "[hidden]"' });
  });

  it("knows plans made before a resumed stream's position", () => {
    const plan = [{ title: "Saturday shifts", instructions: SUBTASK, executor: "Worker" }];
    const hider = new PromptHider(graph, TASK, false, [{ nodeId: "plan", plan }]);
    const event = hider.event(numbered({ type: "node.delta", ts: 1, ...scope("work"), text: `Doing: ${SUBTASK}` }));
    expect(event).toMatchObject({ text: "Doing: [hidden]" });
    // The task stays when the sharer showed it.
    const started = hider.event(numbered({ type: "run.started", ts: 0, input: TASK, simulated: true, nodeCount: 3, budgetNanoUsd: null }));
    expect(started).toMatchObject({ input: TASK });
  });

  it("leaves identifiers alone even when one equals a hidden text", () => {
    const hider = new PromptHider(graph, "fetch_url", true);
    const call = hider.event(numbered({ type: "node.tool_call", ts: 1, ...scope("work"), callId: "fetch_url", tool: "fetch_url", arguments: "{}" }));
    expect(call).toMatchObject({ callId: "fetch_url", tool: "fetch_url", nodeId: "work" });
  });

  it("hides the file text document tools returned but keeps which file was read", () => {
    const hider = new PromptHider(graph, TASK, false);
    const call = hider.event(numbered({ type: "node.tool_call", ts: 1, ...scope("work"), callId: "c1", tool: "read_file", arguments: '{"path":"src/pricing.ts"}' }));
    const read = hider.event(numbered({ type: "node.tool_result", ts: 2, ...scope("work"), callId: "c1", tool: "read_file", ok: true, output: "src/pricing.ts (lines 1-3 of 3)\nconst SECRET_RATE = 0.17;", durationMs: 1 }));
    const searched = hider.event(numbered({ type: "node.tool_result", ts: 3, ...scope("work"), callId: "c2", tool: "search_files", ok: true, output: "src/pricing.ts:1-3 (score 1.00)\nconst SECRET_RATE", durationMs: 1 }));
    const sum = hider.event(numbered({ type: "node.tool_result", ts: 4, ...scope("work"), callId: "c3", tool: "calculator", ok: true, output: "42", durationMs: 1 }));
    expect(call).toMatchObject({ arguments: '{"path":"src/pricing.ts"}' });
    expect(read).toMatchObject({ output: "[hidden]" });
    expect(searched).toMatchObject({ output: "[hidden]" });
    expect(sum).toMatchObject({ output: "42" });
  });
});
