import { z } from "zod";
import { PROMPT_SCHEMA_MARKER } from "../providers/adapter";
import { messageText } from "../tokens";
import { parseDirectives, stripDirectives, type Directives } from "./directives";

export type JsonObject = Record<string, unknown>;
const jsonObject = z.record(z.string(), z.unknown());

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });
const content = z.union([z.string(), z.array(contentPart)]);

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal("function").optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: content.nullish(),
  name: z.string().optional(),
  tool_calls: z.array(toolCall).nullish(),
  tool_call_id: z.string().optional(),
});

const tool = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1-64 letters, digits, underscores or dashes"),
    description: z.string().optional(),
    parameters: jsonObject.optional(),
    strict: z.boolean().nullish(),
  }),
});

const responseFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({
      name: z.string().min(1),
      description: z.string().optional(),
      schema: jsonObject.optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const toolChoice = z.union([
  z.enum(["none", "auto", "required"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
]);

const positiveInt = z.number().int().positive();

/** The subset of the Chat Completions request body the simulator understands; other fields pass through. */
export const chatRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    messages: z.array(message).min(1),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
    response_format: responseFormat.nullish(),
    tools: z.array(tool).nullish(),
    tool_choice: toolChoice.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    max_tokens: positiveInt.nullish(),
    max_completion_tokens: positiveInt.nullish(),
    seed: z.number().int().nullish(),
    n: z.literal(1, "the simulator returns one choice; n must be 1").nullish(),
  })
  .superRefine((body, ctx) => {
    body.messages.forEach((m, i) => {
      const hasContent = m.content !== undefined && m.content !== null;
      if (m.role === "assistant" ? !hasContent && !m.tool_calls?.length : !hasContent) {
        ctx.addIssue({ code: "custom", path: ["messages", i, "content"], message: "Missing required parameter" });
      }
      if (m.role === "tool" && !m.tool_call_id) {
        ctx.addIssue({ code: "custom", path: ["messages", i, "tool_call_id"], message: "Missing required parameter" });
      }
    });
  });

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = ChatRequest["messages"][number];
export type ChatTool = NonNullable<ChatRequest["tools"]>[number];

export { messageText };

/** A parsed request with what the simulator derives from it once. */
export interface SimRequest {
  body: ChatRequest;
  model: string;
  stream: boolean;
  includeUsage: boolean;
  /** The output token limit the caller set, if any. */
  maxTokens?: number;
  /** The structured-output JSON schema, when the request asks for one. */
  schema?: JsonObject;
  /** The schema came in the prompt (already counted as prompt tokens), not as `response_format`. */
  schemaInPrompt: boolean;
  /** `json_object` mode: any JSON object will do. */
  jsonObject: boolean;
  directives: Directives;
  /** Message texts with directives removed. */
  texts: { role: ChatMessage["role"]; text: string }[];
  /** True once the conversation holds a tool result. */
  hasToolResult: boolean;
}

/** The JSON schema a prompt carries after `PROMPT_SCHEMA_MARKER` (a provider without `json_schema`), if any. */
function promptSchema(raw: readonly string[]): JsonObject | undefined {
  for (const text of raw) {
    const at = text.indexOf(PROMPT_SCHEMA_MARKER);
    if (at < 0) continue;
    const parsed = jsonObject.safeParse(safeJson(text.slice(at + PROMPT_SCHEMA_MARKER.length).trim().split("\n")[0]));
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function deriveRequest(body: ChatRequest): SimRequest {
  const raw = body.messages.map((m) => messageText(m));
  const format = body.response_format;
  // A model follows a schema it is shown in the prompt, as it would one given as json_schema.
  const shown = format?.type === "json_schema" ? undefined : promptSchema(raw);
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  return {
    body,
    model: body.model,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    ...(maxTokens ? { maxTokens } : {}),
    ...(format?.type === "json_schema" ? { schema: format.json_schema.schema ?? {} } : shown ? { schema: shown } : {}),
    schemaInPrompt: shown !== undefined,
    jsonObject: format?.type === "json_object" && !shown,
    directives: parseDirectives(raw),
    texts: body.messages.map((m, i) => ({ role: m.role, text: stripDirectives(raw[i]) })),
    hasToolResult: body.messages.some((m) => m.role === "tool" || m.role === "function"),
  };
}

/** An OpenAI-style error parameter path, e.g. `messages[0].content`. */
export function issueParam(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
}
