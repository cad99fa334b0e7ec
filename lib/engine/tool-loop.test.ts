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
    expect(call.source).toEqual({ server: null, name: "calculator" });
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

describe("tool loop with several calls", () => {
  const both = (maxToolCalls: number) =>
    fixtureGraph([rawNode("executor", "calc", { label: "Calc", tools: ["calculator", "fetch_url"], options: { maxToolCalls } })]);

  it("runs parallel calls of one response and hands every result back before the next model call", async () => {
    const { client, requests } = recordingClient();
    const { outcome, events } = await runFixture(calculatorNode(4), `${TASK} [sim:tools=2]`, { client });
    expect(outcome.status).toBe("succeeded");
    expect(trace(events)).toEqual([
      "run.started",
      "node.started calc#0.0",
      "node.usage calc#0.0",
      "node.tool_call calc#0.0",
      "node.tool_call calc#0.0",
      "node.tool_result calc#0.0",
      "node.tool_result calc#0.0",
      "node.usage calc#0.0",
      "node.completed calc#0.0",
      "run.completed",
    ]);
    const calls = ofType(events, "node.tool_call");
    expect(new Set(calls.map((c) => c.callId)).size).toBe(2);
    expect(ofType(events, "node.tool_result").every((r) => r.ok)).toBe(true);
    const messages = requests[1].messages as { role: string; tool_call_id?: string }[];
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool"]);
  });

  it("calls again after a tool result ([sim:tool-steps=2]) and stops at the limit", async () => {
    const { client, requests } = recordingClient();
    const { outcome, events } = await runFixture(calculatorNode(4), `${TASK} [sim:tool-steps=2]`, { client });
    expect(outcome.status).toBe("succeeded");
    expect(trace(events).filter((e) => e.startsWith("node.tool") || e.startsWith("node.usage"))).toEqual([
      "node.usage calc#0.0",
      "node.tool_call calc#0.0",
      "node.tool_result calc#0.0",
      "node.usage calc#0.0",
      "node.tool_call calc#0.0",
      "node.tool_result calc#0.0",
      "node.usage calc#0.0",
    ]);
    expect(requests).toHaveLength(3);

    const capped = await runFixture(both(1), `${TASK} [sim:tool-steps=3]`, { client: recordingClient().client });
    expect(capped.outcome.status).toBe("succeeded");
    expect(ofType(capped.events, "node.tool_call")).toHaveLength(1);
  });

  it("refuses calls beyond the limit in one response, telling the model", async () => {
    const { outcome, events } = await runFixture(both(1), `${TASK} [sim:tool=calculator,fetch_url]`, {});
    expect(outcome.status).toBe("succeeded");
    const [first, second] = ofType(events, "node.tool_call");
    const resultOf = (callId: string) => ofType(events, "node.tool_result").find((r) => r.callId === callId)!;
    expect([first.tool, second.tool]).toEqual(["calculator", "fetch_url"]);
    expect(resultOf(first.callId)).toMatchObject({ ok: true, output: "84" });
    expect(resultOf(second.callId)).toMatchObject({ ok: false, output: expect.stringContaining("limit of 1 tool calls") });
  });

  it("answers an unknown tool as a tool error the model sees, and the run goes on", async () => {
    const { client, requests } = recordingClient();
    const { outcome, events } = await runFixture(calculatorNode(4), `${TASK} [sim:tool-error=unknown]`, { client });
    expect(outcome.status).toBe("succeeded");
    expect(ofType(events, "node.tool_call")[0].tool).toBe("sim_unknown_tool");
    expect(ofType(events, "node.tool_call")[0]).not.toHaveProperty("source");
    const result = ofType(events, "node.tool_result")[0];
    expect(result).toMatchObject({ ok: false, tool: "sim_unknown_tool" });
    expect(result.output).toContain("Available tools: calculator");
    const messages = requests[1].messages as { role: string; content: string }[];
    expect(messages[3]).toMatchObject({ role: "tool", content: expect.stringMatching(/^Error: Unknown tool/) });
    expect(outcome.output).toContain("Unknown tool");
  });

  it("answers invalid arguments as a tool error the model sees, and the run goes on", async () => {
    const { outcome, events } = await runFixture(calculatorNode(4), `${TASK} [sim:tool-error=args]`, {});
    expect(outcome.status).toBe("succeeded");
    expect(JSON.parse(ofType(events, "node.tool_call")[0].arguments)).toEqual({ expression: 404 });
    const result = ofType(events, "node.tool_result")[0];
    expect(result.ok).toBe(false);
    expect(ofType(events, "node.completed")).toHaveLength(1);
  });
});
