import { Ajv } from "ajv";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { createModelClient } from "../client";

const client = () => createModelClient({ simulator: { speed: 0 } }).client;
const ajv = new Ajv({ strict: false, validateFormats: false });

function tool(name: string, parameters: Record<string, unknown>): ChatCompletionTool {
  return { type: "function", function: { name, parameters } };
}

// Varied schemas, including the shapes MCP servers list (server-everything's, a filesystem's).
const TOOLS: ChatCompletionTool[] = [
  tool("add", { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] }),
  tool("short_url", {
    type: "object",
    properties: { url: { type: "string", maxLength: 5 }, mode: { type: "string", enum: ["fast", "slow"] } },
    required: ["url", "mode"],
    additionalProperties: false,
  }),
  tool("expression_code", { type: "object", properties: { expression: { type: "string", maxLength: 4 } }, required: ["expression"] }),
  tool("edit_file", {
    type: "object",
    properties: {
      path: { type: "string" },
      edits: {
        type: "array",
        minItems: 1,
        maxItems: 2,
        items: { type: "object", properties: { oldText: { type: "string" }, newText: { type: "string" } }, required: ["oldText", "newText"], additionalProperties: false },
      },
      dryRun: { type: "boolean", default: false },
    },
    required: ["path", "edits"],
    additionalProperties: false,
    $schema: "http://json-schema.org/draft-07/schema#",
  }),
  tool("schedule", {
    type: "object",
    properties: {
      when: { type: "string", format: "date-time" },
      attendees: { type: "array", items: { type: "string", format: "email" }, uniqueItems: true, minItems: 2 },
      priority: { type: "integer", minimum: 3, maximum: 5 },
      options: { $ref: "#/$defs/options" },
    },
    required: ["when", "attendees", "priority", "options"],
    $defs: { options: { type: "object", properties: { remind: { anyOf: [{ type: "integer", exclusiveMinimum: 0 }, { type: "null" }] } }, required: ["remind"] } },
  }),
  tool("no_params", { type: "object", properties: {} }),
];

function schemaOf(name: string): Record<string, unknown> {
  const found = TOOLS.find((t) => t.type === "function" && t.function.name === name);
  return (found as { function: { parameters: Record<string, unknown> } }).function.parameters;
}

function calls(message: { tool_calls?: unknown[] }): { id: string; name: string; args: string }[] {
  return (message.tool_calls ?? []).map((c) => {
    const call = c as { id: string; function: { name: string; arguments: string } };
    return { id: call.id, name: call.function.name, args: call.function.arguments };
  });
}

const ask = (content: string, extra: Record<string, unknown> = {}) =>
  client().chat.completions.create({ model: "gpt-5.4-mini", tools: TOOLS, messages: [{ role: "user", content }], ...extra });

describe("simulated tool arguments", () => {
  it("fit every tool's JSON schema, even where a URL or expression would not", async () => {
    const res = await ask(`Check https://example.org/a/very/long/path and 12 + 30. [sim:tools=${TOOLS.length}]`);
    const made = calls(res.choices[0].message);
    expect(made.map((c) => c.name).sort()).toEqual(TOOLS.map((t) => (t as { function: { name: string } }).function.name).sort());
    for (const call of made) {
      const validate = ajv.compile({ ...schemaOf(call.name), $schema: undefined });
      const args: unknown = JSON.parse(call.args);
      expect(validate(args), `${call.name}: ${call.args} ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(new Set(made.map((c) => c.id)).size).toBe(made.length);
  });
});

describe("parallel and multi-step tool calls", () => {
  it("calls the tools [sim:tool=a,b] names in one response, streamed call after call", async () => {
    const stream = await client().chat.completions.create({
      model: "gpt-5.4-mini",
      stream: true,
      tools: TOOLS,
      messages: [{ role: "user", content: "Add 2 and 3, then schedule it. [sim:tool=add,schedule]" }],
    });
    const byIndex = new Map<number, { name?: string; args: string }>();
    for await (const chunk of stream) {
      for (const d of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = byIndex.get(d.index) ?? { args: "" };
        if (d.function?.name) entry.name = d.function.name;
        entry.args += d.function?.arguments ?? "";
        byIndex.set(d.index, entry);
      }
    }
    expect([...byIndex.keys()]).toEqual([0, 1]);
    expect([...byIndex.values()].map((c) => c.name)).toEqual(["add", "schedule"]);
    expect(ajv.validate(schemaOf("add"), JSON.parse(byIndex.get(0)!.args))).toBe(true);
  });

  it("makes one call when parallel_tool_calls is false", async () => {
    const res = await ask("Add these. [sim:tools=3]", { parallel_tool_calls: false });
    expect(calls(res.choices[0].message)).toHaveLength(1);
  });

  it("calls again after a tool result for [sim:tool-steps=2], then answers", async () => {
    const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "Add 2 and 3 twice. [sim:tool=add tool-steps=2]" }];
    const c = client();
    for (const result of ["5", "10"]) {
      const res = await c.chat.completions.create({ model: "gpt-5.4-mini", tools: TOOLS, messages });
      const [call] = calls(res.choices[0].message);
      expect(res.choices[0].finish_reason).toBe("tool_calls");
      expect(call.name).toBe("add");
      messages.push(res.choices[0].message, { role: "tool", tool_call_id: call.id, content: result });
    }
    const last = await c.chat.completions.create({ model: "gpt-5.4-mini", tools: TOOLS, messages });
    expect(last.choices[0].finish_reason).toBe("stop");
    expect(last.choices[0].message.content).toContain("The add tool returned: 10");
  });

  it("breaks the first call on [sim:tool-error=unknown] and [sim:tool-error=args]", async () => {
    const unknown = calls((await ask("Add 2 and 3. [sim:tool=add tool-error=unknown]")).choices[0].message);
    expect(unknown.map((c) => c.name)).toEqual(["sim_unknown_tool"]);
    const bad = calls((await ask("Add 2 and 3. [sim:tool=add,edit_file tool-error=args]")).choices[0].message);
    expect(bad.map((c) => c.name)).toEqual(["add", "edit_file"]);
    expect(ajv.validate(schemaOf("add"), JSON.parse(bad[0].args))).toBe(false);
    expect(ajv.validate(schemaOf("edit_file"), JSON.parse(bad[1].args))).toBe(true);
  });
});
