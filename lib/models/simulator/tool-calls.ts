import { generateInstance } from "./json-schema";
import type { Rng } from "./random";
import type { ChatTool, JsonObject, SimRequest } from "./request";
import { isRecord, resolveSchema, schemaTypes } from "./schema-utils";
import type { Topic } from "./topic";

/** The one tool call the simulated assistant makes on a turn. */
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

/**
 * The tool call for this turn, or undefined to answer in text. A call happens only while the
 * conversation has no tool result yet, and never with `tool_choice: "none"` or `[sim:tool=none]`.
 * Preference: the tool `tool_choice` forces; the tool a directive names; a URL-taking tool when a
 * URL appears in the messages; a tool with an `expression` parameter; then any tool whose
 * arguments can be filled (one that requires a URL needs a URL to be present).
 */
export function decideToolCall(req: SimRequest, topic: Topic, rng: Rng): ToolCallPlan | undefined {
  const tools = req.body.tools ?? [];
  const choice = req.body.tool_choice;
  if (tools.length === 0 || req.hasToolResult || choice === "none" || req.directives.tool === "none") return undefined;

  const byName = (name: string | undefined) => (name ? tools.find((t) => t.function.name === name) : undefined);
  const hasUrl = topic.urls.length > 0;
  const chosen =
    byName(typeof choice === "object" && choice ? choice.function.name : undefined) ??
    byName(req.directives.tool) ??
    (hasUrl ? tools.find((t) => stringParam(t, URL_PARAMS)) : undefined) ??
    tools.find((t) => stringParam(t, EXPRESSION_PARAMS)) ??
    tools.find((t) => hasUrl || !requiresParam(t, stringParam(t, URL_PARAMS)));
  if (!chosen) return undefined;

  const callRng = rng.fork(`tool:${chosen.function.name}`);
  const generated = generateInstance(parameters(chosen), { rng: callRng, topic, items: req.directives.items });
  const args: JsonObject = isRecord(generated) ? generated : {};
  const urlParam = stringParam(chosen, URL_PARAMS);
  if (urlParam && hasUrl) args[urlParam] = topic.urls[0];
  const expressionParam = stringParam(chosen, EXPRESSION_PARAMS);
  if (expressionParam) args[expressionParam] = arithmeticExpression(topic.numbers, callRng);
  return { id: callId(callRng), name: chosen.function.name, arguments: JSON.stringify(args) };
}
