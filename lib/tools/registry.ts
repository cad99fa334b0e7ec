import type { ChatCompletionFunctionTool } from "openai/resources/chat/completions";
import { z } from "zod";
import { abortErrorFrom } from "./abort";
import { calculatorTool } from "./calculator";
import { DOCUMENT_TOOLS } from "./documents/tools";
import { fetchUrlTool } from "./fetch-url";
import type { AnyToolDefinition, ToolContext } from "./types";

/** JSON schema of a tool's arguments, as the model and the inspector see it. */
export type ToolParametersSchema = Record<string, unknown>;

/** A tool as listed by the API and the inspector. */
export interface ToolSummary {
  name: string;
  title: string;
  description: string;
  parameters: ToolParametersSchema;
}

/** Outcome of one tool call; `error` is written for the model, which may retry. */
export type ToolRunResult = { ok: true; output: string } | { ok: false; error: string };

// OpenAI function names: letters, digits, underscore and dash, at most 64.
const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Builds a name-keyed registry; throws on a duplicate or malformed name. */
export function createToolRecord(tools: readonly AnyToolDefinition[]): Readonly<Record<string, AnyToolDefinition>> {
  const record: Record<string, AnyToolDefinition> = Object.create(null);
  for (const tool of tools) {
    if (!TOOL_NAME_PATTERN.test(tool.name)) throw new Error(`Invalid tool name "${tool.name}": use [a-zA-Z0-9_-], at most 64 characters`);
    if (record[tool.name]) throw new Error(`Duplicate tool name "${tool.name}"`);
    record[tool.name] = tool;
  }
  return Object.freeze(record);
}

const BUILTIN_TOOLS = [calculatorTool, fetchUrlTool, ...DOCUMENT_TOOLS] as const;

/** Name of a built-in tool. */
export type ToolName = (typeof BUILTIN_TOOLS)[number]["name"];

/** Every tool agents can use, keyed by name. */
export const TOOLS = createToolRecord(BUILTIN_TOOLS);

/** Names of all registered tools, in registration order (what graph validation accepts). */
export const TOOL_NAMES: readonly ToolName[] = BUILTIN_TOOLS.map((tool) => tool.name);

/** The tool with this name, or undefined. */
export function getTool(name: string): AnyToolDefinition | undefined {
  return Object.hasOwn(TOOLS, name) ? TOOLS[name] : undefined;
}

const schemaCache = new WeakMap<AnyToolDefinition, ToolParametersSchema>();

/** The JSON schema of a tool's arguments (input side: fields with defaults are optional), without `$schema`. */
export function toolParametersSchema(tool: AnyToolDefinition): ToolParametersSchema {
  let schema = schemaCache.get(tool);
  if (!schema) {
    schema = { ...(z.toJSONSchema(tool.parameters, { io: "input" }) as ToolParametersSchema) };
    // The dialect marker is noise to providers, and some reject unknown top-level keys.
    delete schema.$schema;
    schemaCache.set(tool, schema);
  }
  return schema;
}

/** All tools with their argument schemas, for the API and the inspector. */
export function listTools(): ToolSummary[] {
  return Object.values(TOOLS).map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    parameters: toolParametersSchema(tool),
  }));
}

/** The tool in the shape Chat Completions' `tools` array takes. */
export function toOpenAITool(tool: AnyToolDefinition): ChatCompletionFunctionTool {
  return {
    type: "function",
    function: { name: tool.name, description: tool.description, parameters: toolParametersSchema(tool) },
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length ? issue.path.map(String).join(".") : "(arguments)";
      return `- ${field}: ${issue.message}`;
    })
    .join("\n");
}

type ParsedArguments = { ok: true; args: z.infer<AnyToolDefinition["parameters"]> } | { ok: false; error: string };

function parseArguments(tool: AnyToolDefinition, rawArgs: string): ParsedArguments {
  let json: unknown;
  try {
    // Some models send an empty string for a call without arguments.
    json = rawArgs.trim() === "" ? {} : JSON.parse(rawArgs);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Arguments for tool "${tool.name}" are not valid JSON (${reason}). Send a JSON object.` };
  }
  const parsed = tool.parameters.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: `Invalid arguments for tool "${tool.name}":\n${describeIssues(parsed.error)}` };
  }
  return { ok: true, args: parsed.data };
}

/**
 * Validates the model's raw JSON arguments against the tool's schema and runs it.
 * Failures come back as `{ ok: false }` for the model to read; an abort of `ctx.signal`
 * is re-thrown as an AbortError so the engine can stop the run.
 */
export async function executeTool(tool: AnyToolDefinition, rawArgs: string, ctx: ToolContext): Promise<ToolRunResult> {
  if (ctx.signal.aborted) throw abortErrorFrom(ctx.signal);
  const parsed = parseArguments(tool, rawArgs);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, output: await tool.execute(parsed.args, ctx) };
  } catch (error) {
    if (ctx.signal.aborted) throw abortErrorFrom(ctx.signal, error);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message || `Tool "${tool.name}" failed` };
  }
}

/** Looks a tool up by name and runs it like `executeTool`; an unknown name is an `{ ok: false }` the model can correct. */
export async function runTool(name: string, rawArgs: string, ctx: ToolContext): Promise<ToolRunResult> {
  const tool = getTool(name);
  if (!tool) {
    if (ctx.signal.aborted) throw abortErrorFrom(ctx.signal);
    return { ok: false, error: `Unknown tool "${name}". Available tools: ${TOOL_NAMES.join(", ")}` };
  }
  return executeTool(tool, rawArgs, ctx);
}
