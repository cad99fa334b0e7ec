import { describe, expect, it } from "vitest";
import type { ToolHost } from "./context";
import { fixtureGraph, ofType, rawNode, recordingClient, registryToolHost, runFixture, trace } from "./test-harness";

const TASK = "What is 12 * 7?";

function calculatorNode(maxToolCalls: number) {
  return fixtureGraph([rawNode("executor", "calc", { label: "Calc", tools: ["calculator"], options: { maxToolCalls } })]);
}

describe("tool loop", () => {
  it("runs model → tool call → tool result → model and answers with the result", async () => {
    const { client, requests } = recordingClient();
    const { outcome, events } = await runFixture(calculatorNode(4), TASK, { client });
    expect(outcome.status).toBe("succeeded");
    expect(trace(events)).toEqual([
      "run.started",
      "node.started calc#0.0",
      "node.usage calc#0.0",
      "node.tool_call calc#0.0",
      "node.tool_result calc#0.0",
      "node.usage calc#0.0",
      "node.completed calc#0.0",
      "run.completed",
    ]);
    const call = ofType(events, "node.tool_call")[0];
    expect(call.tool).toBe("calculator");
    expect(JSON.parse(call.arguments)).toEqual({ expression: "12 * 7" });
    const result = ofType(events, "node.tool_result")[0];
    expect(result).toMatchObject({ callId: call.callId, tool: "calculator", ok: true, output: "84" });
    expect(outcome.output).toContain("84");

    // The second request carries the assistant's call and the tool's answer; tools are offered throughout.
    expect(requests).toHaveLength(2);
    const messages = requests[1].messages as { role: string; content: string | null; tool_call_id?: string }[];
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(messages[3]).toMatchObject({ tool_call_id: call.callId, content: "84" });
    expect(requests.map((r) => r.tool_choice)).toEqual(["auto", "auto"]);
    expect(requests[0]).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_completion_tokens: 1500 });
    expect(requests[0]).not.toHaveProperty("temperature");
  });

  it("forces a final answer with tool_choice none once the tool-call limit is reached", async () => {
    const { client, requests } = recordingClient();
    const { outcome, events } = await runFixture(calculatorNode(1), TASK, { client });
    expect(outcome.status).toBe("succeeded");
    expect(ofType(events, "node.tool_call")).toHaveLength(1);
    expect(requests.map((r) => r.tool_choice)).toEqual(["auto", "none"]);
  });

  it("with a limit of 0 never offers a tool call", async () => {
    const { client, requests } = recordingClient();
    const { outcome, events } = await runFixture(calculatorNode(0), TASK, { client });
    expect(outcome.status).toBe("succeeded");
    expect(ofType(events, "node.tool_call")).toHaveLength(0);
    expect(requests.map((r) => r.tool_choice)).toEqual(["none"]);
  });

  it("hands a tool's error back to the model, which still answers", async () => {
    const registry = registryToolHost();
    const failing: ToolHost = { definitions: registry.definitions, run: async () => ({ ok: false, error: "Division by zero" }) };
    const { outcome, events } = await runFixture(calculatorNode(4), TASK, { tools: failing });
    expect(outcome.status).toBe("succeeded");
    expect(ofType(events, "node.tool_result")[0]).toMatchObject({ ok: false, output: "Division by zero" });
    expect(outcome.output).toContain("Division by zero");
  });

  it("passes temperature and the output limit through when set", async () => {
    const { client, requests } = recordingClient();
    const graph = fixtureGraph([rawNode("executor", "w", { label: "W", options: { temperature: 0.3, maxOutputTokens: 200 } })]);
    await runFixture(graph, TASK, { client });
    expect(requests[0]).toMatchObject({ temperature: 0.3, max_completion_tokens: 200, model: "gpt-5.4-mini" });
    expect(requests[0]).not.toHaveProperty("tools");
  });
});
