import { fileToRead } from "./documents";
import { generateInstance } from "./json-schema";
import type { Rng } from "./random";
import type { ChatTool, JsonObject, SimRequest } from "./request";
import { isRecord, resolveSchema, schemaTypes } from "./schema-utils";
import type { Topic } from "./topic";

/** One tool call the simulated assistant makes on a turn. */
export interface ToolCallPlan {
  id: string;
  name: string;
  /** JSON-encoded arguments, as the API sends them. */
  arguments: string;
}

const URL_PARAMS = ["url", "uri", "link", "href"];
const EXPRESSION_PARAMS = ["expression", "expr"];

function parameters(tool: ChatTool): JsonObject {
  const params = tool.function.parameters;
  return isRecord(params) ? params : { type: "object", properties: {} };
}

/** The name of a string parameter of `tool` among `names`, if it has one. */
function stringParam(tool: ChatTool, names: readonly string[]): string | undefined {
  const root = parameters(tool);
  const props = resolveSchema(root, root).properties;
  if (!isRecord(props)) return undefined;
  return Object.keys(props).find((key) => {
    if (!names.includes(key.toLowerCase())) return false;
    const types = schemaTypes(resolveSchema(props[key], root));
    return types.length === 0 || types.includes("string");
  });
}

/** True when `value` satisfies the string schema of `tool`'s parameter `param` (so an override keeps the arguments valid). */
function fitsParam(tool: ChatTool, param: string, value: string): boolean {
  const root = parameters(tool);
  const props = resolveSchema(root, root).properties;
  const schema = isRecord(props) ? resolveSchema(props[param], root) : {};
  if (Array.isArray(schema.enum) || "const" in schema) return false;
  if (typeof schema.minLength === "number" && value.length < schema.minLength) return false;
  if (typeof schema.maxLength === "number" && value.length > schema.maxLength) return false;
  if (typeof schema.pattern === "string") {
    try {
      if (!new RegExp(schema.pattern, "u").test(value)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function requiresParam(tool: ChatTool, param: string | undefined): boolean {
  if (!param) return false;
  const root = parameters(tool);
  const required = resolveSchema(root, root).required;
  return Array.isArray(required) && required.includes(param);
}

function operand(n: number): string {
  return n < 0 ? `(${n})` : String(n);
}

/** An arithmetic expression over the prompt's numbers (or seeded ones), e.g. "(12 + 30) * 4". */
export function arithmeticExpression(numbers: readonly number[], rng: Rng): string {
  const ns = [...new Set(numbers.filter((n) => Math.abs(n) < 1e12))].slice(0, 3);
  if (ns.length === 2) return `${operand(ns[0])} * ${operand(ns[1])}`;
  if (ns.length === 0) ns.push(rng.int(10, 99));
  if (ns.length === 1) ns.push(rng.int(10, 99));
  if (ns.length === 2) ns.push(rng.int(2, 9));
  return `(${operand(ns[0])} + ${operand(ns[1])}) * ${operand(ns[2])}`;
}

function callId(rng: Rng): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return `call_${Array.from({ length: 24 }, () => alphabet[rng.int(0, alphabet.length - 1)]).join("")}`;
}

/** Responses so far that called tools (a tool result implies at least one). */
function toolSteps(req: SimRequest): number {
  const calling = req.body.messages.filter((m) => m.role === "assistant" && (m.tool_calls?.length ?? 0) > 0).length;
  return Math.max(calling, req.hasToolResult ? 1 : 0);
}

/**
 * The tools to call this turn, best first. Preference: the tool `tool_choice` forces; the tools
 * a directive names; a URL-taking tool when a URL appears in the messages; a tool with an
 * `expression` parameter; then any tool whose arguments can be filled (one that requires a URL
 * needs a URL to be present). `[sim:tools=N]` adds the other offered tools, in order, up to N.
 */
function chooseTools(req: SimRequest, topic: Topic): ChatTool[] {
  const tools = req.body.tools ?? [];
  const choice = req.body.tool_choice;
  const byName = (name: string | undefined) => (name ? tools.find((t) => t.function.name === name) : undefined);
  const forced = byName(typeof choice === "object" && choice ? choice.function.name : undefined);
  if (forced) return [forced];
  const named = (req.directives.tool ?? []).flatMap((name) => byName(name) ?? []);
  const hasUrl = topic.urls.length > 0;
  const first =
    named[0] ??
    (hasUrl ? tools.find((t) => stringParam(t, URL_PARAMS)) : undefined) ??
    tools.find((t) => stringParam(t, EXPRESSION_PARAMS)) ??
    tools.find((t) => hasUrl || !requiresParam(t, stringParam(t, URL_PARAMS)));
  if (!first) return [];
  const chosen = named.length > 0 ? named : [first];
  const wanted = req.directives.tools ?? chosen.length;
  for (const tool of tools) {
    if (chosen.length >= wanted) break;
    if (!chosen.includes(tool)) chosen.push(tool);
  }
  // More calls than distinct tools: the same tools again, with other arguments.
  for (let i = 0; chosen.length < wanted; i++) chosen.push(chosen[i]);
  return chosen;
}

/** Arguments that break `tool`'s schema: every property of the wrong type, or no JSON object at all. */
function invalidArguments(tool: ChatTool): string {
  const root = parameters(tool);
  const props = resolveSchema(root, root).properties;
  if (!isRecord(props) || Object.keys(props).length === 0) return "[]";
  const wrong = Object.fromEntries(
    Object.keys(props).map((key) => [key, schemaTypes(resolveSchema(props[key], root)).includes("string") ? 404 : "not-a-valid-value"]),
  );
  return JSON.stringify(wrong);
}

function planCall(tool: ChatTool, req: SimRequest, topic: Topic, rng: Rng): ToolCallPlan {
  const callRng = rng.fork(`tool:${tool.function.name}`);
  // Arguments come from the tool's own JSON schema (MCP tools' as the server lists it), like response_format.
  const generated = generateInstance(parameters(tool), { rng: callRng, topic, items: req.directives.items });
  const args: JsonObject = isRecord(generated) ? generated : {};
  const urlParam = stringParam(tool, URL_PARAMS);
  if (urlParam && topic.urls.length > 0 && fitsParam(tool, urlParam, topic.urls[0])) args[urlParam] = topic.urls[0];
  const expressionParam = stringParam(tool, EXPRESSION_PARAMS);
  const expression = expressionParam ? arithmeticExpression(topic.numbers, callRng) : "";
  if (expressionParam && fitsParam(tool, expressionParam, expression)) args[expressionParam] = expression;
  return { id: callId(callRng), name: tool.function.name, arguments: JSON.stringify(args) };
}

/**
 * The tool calls for this turn, or none to answer in text. Calls happen on the first
 * `[sim:tool-steps=N]` responses (1 by default: a tool result is answered in text), and never
 * with `tool_choice: "none"` or `[sim:tool=none]`. One response carries one call, or
 * `[sim:tools=N]` / as many as `[sim:tool=a,b]` names, unless `parallel_tool_calls` is false.
 * `[sim:tool-error=…]` breaks the first call of the conversation. With a path-taking tool
 * (`read_file`) offered, the file the subtask names, or the first a listing showed, is read once.
 */
export function decideToolCalls(req: SimRequest, topic: Topic, rng: Rng): ToolCallPlan[] {
  const tools = req.body.tools ?? [];
  const step = toolSteps(req);
  const off = req.body.tool_choice === "none" || req.directives.tool?.includes("none");
  if (tools.length === 0 || off) return [];
  // Document tools: the file a subtask names (or a listing showed) is read once, whatever the step.
  const read = req.directives.tool || req.directives.tools ? undefined : fileToRead(req, tools);
  if (read) {
    const callRng = rng.fork(`read:${read.path}`);
    return [{ id: callId(callRng), name: read.tool.function.name, arguments: JSON.stringify({ [read.param]: read.path }) }];
  }
  if (step >= (req.directives.toolSteps ?? 1)) return [];

  let chosen = chooseTools(req, topic);
  if (req.body.parallel_tool_calls === false) chosen = chosen.slice(0, 1);
  const stepRng = step === 0 ? rng : rng.fork(`step:${step}`);
  const calls = chosen.map((tool, i) => planCall(tool, req, topic, i === 0 ? stepRng : stepRng.fork(`call:${i}`)));
  const error = step === 0 ? req.directives.toolError : undefined;
  if (error === "unknown" && calls[0]) calls[0] = { ...calls[0], name: UNKNOWN_TOOL };
  if (error === "args" && calls[0]) calls[0] = { ...calls[0], arguments: invalidArguments(chosen[0]) };
  return calls;
}

/** The name `[sim:tool-error=unknown]` calls: no request offers it. */
export const UNKNOWN_TOOL = "sim_unknown_tool";
