import { z } from "zod";
import { abortErrorFrom } from "./abort";
import { guardedGet, type GuardedResponse, type ResponseMeta } from "./guarded-get";
import { htmlToText } from "./html-to-text";
import type { LookupAll } from "./net-guard";
import { defineTool } from "./types";

/** Limits for `fetch_url`; the defaults are what agents get. */
export interface FetchUrlLimits {
  /** Whole call, all redirects and the body included. */
  timeoutMs: number;
  /** Decoded bytes read from the final response before reading stops. */
  maxBytes: number;
  /** Characters returned to the model, header included. */
  maxChars: number;
  maxRedirects: number;
  /** DNS resolver (tests inject one). */
  lookup?: LookupAll;
}

export const DEFAULT_FETCH_URL_LIMITS: FetchUrlLimits = {
  timeoutMs: 10_000,
  maxBytes: 1024 * 1024,
  maxChars: 20_000,
  maxRedirects: 5,
};

type BodyKind = "html" | "json" | "text";

function bodyKind(mime: string): BodyKind | undefined {
  if (mime === "text/html" || mime === "application/xhtml+xml") return "html";
  if (mime === "application/json" || mime.endsWith("+json") || mime.endsWith("ndjson")) return "json";
  if (mime.startsWith("text/") || mime.endsWith("+xml") || mime.endsWith("/xml")) return "text";
  if (/^application\/(?:(?:x-)?javascript|ecmascript|(?:x-)?yaml|toml|csv|graphql|sql)$/.test(mime)) return "text";
  return undefined;
}

function parseContentType(header: string | undefined): { mime: string; charset: string | undefined } {
  const [mime = "", ...params] = (header ?? "").split(";");
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find(Boolean);
  return { mime: mime.trim().toLowerCase(), charset };
}

/** Without a Content-Type, take the body as text only if it has no NUL bytes early on. */
function sniffKind(body: Buffer): BodyKind | undefined {
  const head = body.subarray(0, 1024);
  if (head.includes(0)) return undefined;
  return /^\s*<(?:!doctype html|html)\b/i.test(head.toString("latin1")) ? "html" : "text";
}

function decodeBody(body: Buffer, charset: string | undefined, kind: BodyKind): string {
  let label = charset;
  if (!label && kind === "html") {
    label = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(body.subarray(0, 4096).toString("latin1"))?.[1];
  }
  try {
    return new TextDecoder(label ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

function formatMegabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MB`;
}

function render(res: GuardedResponse, limits: FetchUrlLimits): string {
  const contentType = res.headers["content-type"];
  const { mime, charset } = parseContentType(contentType);
  const kind = mime ? bodyKind(mime) : sniffKind(res.body);
  if (!kind) throw new Error(`Unsupported content type "${mime || "unknown (binary)"}" at ${res.url.href}: fetch_url returns text only`);

  const text = decodeBody(res.body, charset, kind);
  const header = [`URL: ${res.url.href}`, `Status: ${res.status} ${res.statusText}`.trim(), `Content-Type: ${contentType ?? "(none)"}`];
  if (res.truncated) header.push(`Truncated: only the first ${formatMegabytes(limits.maxBytes)} was read`);

  let content = text.trim();
  if (kind === "html") {
    const page = htmlToText(text);
    content = page.title ? `Title: ${page.title}\n\n${page.text}` : page.text;
  }
  const output = `${header.join(" | ")}\n\n${content || "(empty body)"}`;
  if (output.length <= limits.maxChars) return output;
  const omitted = output.length - limits.maxChars;
  return `${output.slice(0, limits.maxChars)}\n[… output truncated: ${omitted} more characters]`;
}

function wantsBody(meta: ResponseMeta): boolean {
  const { mime } = parseContentType(meta.headers["content-type"]);
  return !mime || bodyKind(mime) !== undefined || meta.status < 200 || meta.status >= 300;
}

function statusError(res: GuardedResponse): Error {
  const { mime, charset } = parseContentType(res.headers["content-type"]);
  const kind = mime ? bodyKind(mime) : undefined;
  let detail = "";
  if (kind && res.body.length) {
    const text = decodeBody(res.body, charset, kind);
    const readable = kind === "html" ? htmlToText(text).text : text;
    detail = readable.replace(/\s+/g, " ").trim().slice(0, 300);
  }
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  return new Error(`${status} from ${res.url.href}${detail ? `: ${detail}` : ""}`);
}

const fetchUrlParameters = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "Expected an absolute http:// or https:// URL" })
    .max(2048)
    .describe("Absolute http:// or https:// URL of the page or API endpoint to read."),
});

/** Builds a `fetch_url` tool with custom limits (tests shorten the timeout). */
export function createFetchUrlTool(overrides: Partial<FetchUrlLimits> = {}) {
  const limits: FetchUrlLimits = { ...DEFAULT_FETCH_URL_LIMITS, ...overrides };
  return defineTool({
    name: "fetch_url",
    title: "Fetch URL",
    description:
      "Fetch a public web page or API endpoint with HTTP GET and return its content as text: HTML is reduced to readable " +
      `text (with the page title), JSON and plain text are returned as is. Output is capped at ${limits.maxChars} characters; ` +
      "private, local and internal network addresses are refused.",
    parameters: fetchUrlParameters,
    async execute({ url }, ctx) {
      const timeout = AbortSignal.timeout(limits.timeoutMs);
      const signal = AbortSignal.any([ctx.signal, timeout]);
      try {
        const res = await guardedGet(new URL(url), {
          signal,
          allowHosts: ctx.fetchAllowHosts,
          maxBytes: limits.maxBytes,
          maxRedirects: limits.maxRedirects,
          lookup: limits.lookup,
          wantsBody,
        });
        if (res.status < 200 || res.status >= 300) throw statusError(res);
        return render(res, limits);
      } catch (error) {
        // The run was cancelled: let the AbortError through so the engine stops.
        if (ctx.signal.aborted) throw abortErrorFrom(ctx.signal, error);
        if (timeout.aborted) throw new Error(`Timed out after ${limits.timeoutMs / 1000} s fetching ${url}`);
        throw error;
      }
    },
  });
}

/** `fetch_url`: HTTP(S) GET of public pages and APIs, returned as readable text. */
export const fetchUrlTool = createFetchUrlTool();
