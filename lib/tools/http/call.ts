/**
 * Calling an HTTP tool: the model's arguments are checked against the tool's JSON schema,
 * fill the URL template (URL-encoded), and the rest go to the query string (GET, DELETE) or
 * a JSON body (POST, PUT, PATCH). The request goes through the outbound guard, with a time
 * limit; the model reads the status and the body, cut at a size cap.
 */
import { z } from "zod";
import { abortErrorFrom } from "../abort";
import { capOutput } from "../mcp/result";
import { createGuardedFetch, type GuardedFetch, type LookupAll } from "../outbound";
import type { ToolRunResult } from "../registry";
import { DEFAULT_HTTP_TOOL_OUTPUT_CHARS, templatePlaceholders, type HttpToolSpec } from "./config";

export interface HttpCallOptions {
  signal: AbortSignal;
  /** Operator-approved destinations past the guard (TIERFLOW_OUTBOUND_ALLOW_HOSTS). */
  allowHosts?: readonly string[];
  maxChars?: number;
  lookup?: LookupAll;
}

const QUERY_METHODS = new Set(["GET", "DELETE"]);

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `- ${issue.path.length ? issue.path.map(String).join(".") : "(arguments)"}: ${issue.message}`).join("\n");
}

function parseArguments(spec: HttpToolSpec, raw: string): { ok: true; args: Record<string, unknown> } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = raw.trim() === "" ? {} : JSON.parse(raw);
  } catch (error) {
    return { ok: false, error: `Arguments for tool "${spec.name}" are not valid JSON (${error instanceof Error ? error.message : String(error)}). Send a JSON object.` };
  }
  const parsed = z.fromJSONSchema(spec.parameters as never).safeParse(json);
  if (!parsed.success) return { ok: false, error: `Invalid arguments for tool "${spec.name}":\n${describeIssues(parsed.error)}` };
  if (typeof parsed.data !== "object" || parsed.data === null || Array.isArray(parsed.data)) return { ok: false, error: `Arguments for tool "${spec.name}" must be a JSON object.` };
  return { ok: true, args: parsed.data as Record<string, unknown> };
}

function scalar(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The request the arguments describe: placeholders filled, the rest as query or body. */
export function buildRequest(spec: HttpToolSpec, args: Record<string, unknown>): { url: URL; body?: string } {
  const used = new Set(templatePlaceholders(spec.urlTemplate));
  const missing = [...used].filter((name) => args[name] === undefined);
  if (missing.length) throw new Error(`Missing arguments for the URL: ${missing.join(", ")}`);
  const url = new URL(spec.urlTemplate.replace(/\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g, (_, name: string) => encodeURIComponent(scalar(args[name]))));
  const rest = Object.fromEntries(Object.entries(args).filter(([name, value]) => !used.has(name) && value !== undefined));
  if (QUERY_METHODS.has(spec.method)) {
    for (const [name, value] of Object.entries(rest)) {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, scalar(item));
    }
    return { url };
  }
  return { url, body: JSON.stringify(rest) };
}

/** Reads at most `maxBytes` of the body, then stops the download; `cut` says whether more was left. */
async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; cut: boolean }> {
  if (!response.body) return { text: "", cut: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      cut = true;
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes.subarray(0, Math.min(size, maxBytes))), cut };
}

/** Runs the tool for the model; failures (bad arguments, refused address, timeout, HTTP errors) come back as `{ ok: false }`. */
export async function callHttpTool(spec: HttpToolSpec, rawArguments: string, options: HttpCallOptions, guardedFetch?: GuardedFetch): Promise<ToolRunResult> {
  if (options.signal.aborted) throw abortErrorFrom(options.signal);
  const parsed = parseArguments(spec, rawArguments);
  if (!parsed.ok) return parsed;
  const maxChars = options.maxChars ?? DEFAULT_HTTP_TOOL_OUTPUT_CHARS;
  const timeout = AbortSignal.timeout(spec.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  try {
    const { url, body } = buildRequest(spec, parsed.args);
    const headers = new Headers(spec.headers);
    if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
    if (!headers.has("accept")) headers.set("accept", "application/json, text/*;q=0.9");
    const send = guardedFetch ?? createGuardedFetch({ allowHosts: options.allowHosts, lookup: options.lookup });
    const response = await send(url, { method: spec.method, headers, body, signal });
    // Bytes ≥ characters for UTF-8, so reading maxChars * 4 bytes always covers the cap.
    const { text, cut } = await readCapped(response, maxChars * 4);
    const shown = capOutput(text, maxChars);
    const output = cut && shown === text ? `${text}\n[Output cut: the response was larger than ${maxChars * 4} bytes.]` : shown;
    const head = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    return response.ok ? { ok: true, output: `${head}\n${output}` } : { ok: false, error: `${head}\n${output}` };
  } catch (error) {
    if (options.signal.aborted) throw abortErrorFrom(options.signal, error);
    if (timeout.aborted) return { ok: false, error: `Timed out after ${spec.timeoutMs / 1000} s calling ${spec.method} ${spec.urlTemplate}` };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
