/**
 * How simulated agents work with attached documents: a planner fans out one subtask per
 * relevant file of the run's file listing, an executor reads the file its subtask names (or the
 * first one a listing or search returned), and answers cite the files as `Sources:`.
 */
import type { ChatTool, JsonObject, SimRequest } from "./request";
import { isRecord, resolveSchema } from "./schema-utils";

const PATH_PARAMS = ["path", "file", "filepath", "filename"];
const DOCUMENT_FINDERS = ["list_files", "search_files"];
// A line of the listing lib/documents appends to a planner's task: "- src/app.ts (code, 120 bytes)".
const LISTED = /^- (\S+) \(\w+, \d+ bytes\)$/gm;
// A path-like token: a name with an extension, maybe under folders.
const PATH = /(?<![\w/.@-])((?:[\w@.-]+\/)*[\w@-][\w@-]*(?:\.[\w@-]+)*\.[A-Za-z][A-Za-z0-9]{0,7})(?![\w/])/g;
const SOURCES = /Sources?: ((?:`[^`\n]+`(?:, )?)+)/g;
// What a nano classifier leaves out of documentation work: tests, lockfiles, generated code, licences.
const IRRELEVANT = [
  /(^|\/)(tests?|__tests__|spec|__mocks__|fixtures)\//,
  /\.(test|spec)\.[^./]+$/,
  /(^|\/)test_[^/]+\.py$|_test\.(go|py)$/,
  /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|Gemfile\.lock|go\.sum|composer\.lock)$/,
  /(^|\/)(dist|build|out|vendor|node_modules|coverage)\//,
  /\.min\.[^./]+$/,
  /(^|\/)(LICENSE|LICENCE|CHANGELOG)(\.[^/]*)?$/i,
];

const userTexts = (req: SimRequest) => req.texts.filter((t) => t.role === "user").map((t) => t.text);

/** The files a planner's task lists, in order. */
export function listedFiles(req: SimRequest): string[] {
  return [...new Set(userTexts(req).flatMap((text) => [...text.matchAll(LISTED)].map((m) => m[1])))];
}

/** The files worth documenting among `paths`. */
export function relevantFiles(paths: readonly string[]): string[] {
  return paths.filter((path) => !IRRELEVANT.some((pattern) => pattern.test(path)));
}

/** The plan-shaped array of a structured output: `{ <key>: [{ title, instructions, … }] }`. */
function planArray(schema: JsonObject): { key: string; items: JsonObject; max: number } | undefined {
  const props = resolveSchema(schema, schema).properties;
  if (!isRecord(props)) return undefined;
  for (const [key, value] of Object.entries(props)) {
    const array = resolveSchema(value, schema);
    const items = resolveSchema(array.items, schema);
    const fields = isRecord(items.properties) ? items.properties : {};
    if (array.type === "array" && "title" in fields && "instructions" in fields) {
      return { key, items, max: typeof array.maxItems === "number" ? array.maxItems : Infinity };
    }
  }
  return undefined;
}

/**
 * A plan with one subtask per relevant listed file, when the request asks for a plan and its
 * task lists attached files; undefined otherwise (the generic generator answers).
 */
export function filePlan(req: SimRequest, schema: JsonObject): JsonObject | undefined {
  const files = relevantFiles(listedFiles(req));
  const plan = files.length > 0 ? planArray(schema) : undefined;
  if (!plan) return undefined;
  const fields = isRecord(plan.items.properties) ? plan.items.properties : {};
  const executorEnum = isRecord(fields.executor) && Array.isArray(fields.executor.enum) ? fields.executor.enum : [];
  const subtasks = files.slice(0, plan.max).map((path) => ({
    title: path,
    instructions: `Read ${path} with read_file and summarise it: its purpose, its public API and its dependencies.`,
    ...("executor" in fields ? { executor: executorEnum[0] ?? "" } : {}),
  }));
  return { [plan.key]: subtasks };
}

function pathParam(tool: ChatTool): string | undefined {
  const params = tool.function.parameters;
  const props = isRecord(params) && isRecord(params.properties) ? params.properties : {};
  return Object.keys(props).find((key) => PATH_PARAMS.includes(key.toLowerCase()));
}

function parseArgs(text: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

/** Paths already passed to a path-taking tool in this conversation. */
function pathsRead(req: SimRequest): string[] {
  return req.body.messages.flatMap((m) =>
    (m.tool_calls ?? []).flatMap((c) => Object.entries(parseArgs(c.function.arguments)).flatMap(([key, v]) => (PATH_PARAMS.includes(key.toLowerCase()) && typeof v === "string" ? [v] : []))),
  );
}

/**
 * The file read this turn: a path-taking tool (`read_file`) on the path the subtask names, or
 * else on the first path the latest tool result (a listing, a search) shows. Once per conversation.
 */
export function fileToRead(req: SimRequest, tools: readonly ChatTool[]): { tool: ChatTool; param: string; path: string } | undefined {
  // Only alongside the rest of the document tools: another server's path-taking tool keeps the generic behaviour.
  const tool = tools.some((t) => DOCUMENT_FINDERS.includes(t.function.name)) ? tools.find((t) => pathParam(t)) : undefined;
  if (!tool || pathsRead(req).length > 0) return undefined;
  const latest = userTexts(req).at(-1) ?? "";
  const subtask = latest.slice(Math.max(0, latest.lastIndexOf("Your subtask:")));
  const lastResult = req.texts.filter((t) => t.role === "tool").at(-1)?.text ?? "";
  const path = [...subtask.matchAll(PATH)][0]?.[1] ?? [...lastResult.matchAll(PATH)][0]?.[1];
  return path ? { tool, param: pathParam(tool)!, path } : undefined;
}

/** The files a conversation read or was told about as sources: what an answer cites. */
export function citedFiles(req: SimRequest): string[] {
  const cited = userTexts(req).flatMap((text) => [...text.matchAll(SOURCES)].flatMap((m) => [...m[1].matchAll(/`([^`]+)`/g)].map((p) => p[1])));
  return [...new Set([...pathsRead(req), ...cited])];
}

/** `text` with a closing line naming its sources, when it has any. */
export function withSources(text: string, files: readonly string[]): string {
  return files.length > 0 ? `${text.trimEnd()}\n\nSources: ${files.map((f) => `\`${f}\``).join(", ")}.` : text;
}

/** A structured answer whose long-form field (`output`, `answer`, …) ends with its sources. */
export function instanceWithSources(instance: unknown, files: readonly string[]): unknown {
  if (!isRecord(instance) || files.length === 0) return instance;
  const key = Object.keys(instance).find((k) => /^(output|answer|final|report|content|result|documentation)/i.test(k) && typeof instance[k] === "string");
  return key ? { ...instance, [key]: withSources(instance[key] as string, files) } : instance;
}
