import { z } from "zod";
import { abortErrorFrom } from "./abort";
import { htmlToText } from "./html-to-text";
import { createGuardedFetch, type LookupAll } from "./outbound";
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

function parseContentType(header: string | null): { mime: string; charset: string | undefined } {
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

/** The final response of a fetch, with its (possibly truncated) decoded body. */
interface FetchedPage {
  url: string;
  status: number;
  statusText: string;
  headers: Headers;
  body: Buffer;
  /** True when the body was longer than `maxBytes` and reading stopped there. */
  truncated: boolean;
}

const REQUEST_HEADERS = {
  "user-agent": "Tierflow-fetch_url/1.0 (+agent tool; text only)",
  accept: "text/html,application/xhtml+xml,application/json;q=0.9,text/*;q=0.8,*/*;q=0.1",
  "accept-encoding": "gzip, deflate, br",
};

// The codings fetch decodes; anything else would hand the model compressed bytes.
const DECODED_CODINGS = new Set(["", "identity", "gzip", "x-gzip", "deflate", "br"]);

function undecodedCoding(headers: Headers): string | undefined {
  const codings = (headers.get("content-encoding") ?? "").toLowerCase().split(",");
  return codings.map((coding) => coding.trim()).find((coding) => !DECODED_CODINGS.has(coding));
}

/** Reads at most `maxBytes` of the decoded body; the limit applies after decompression so small bombs cannot expand. */
async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<{ body: Buffer; truncated: boolean }> {
  if (!body) return { body: Buffer.alloc(0), truncated: false };
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { body: Buffer.concat(chunks), truncated: false };
      if (size + value.byteLength > maxBytes) {
        chunks.push(Buffer.from(value.subarray(0, maxBytes - size)));
        return { body: Buffer.concat(chunks), truncated: true };
      }
      chunks.push(Buffer.from(value));
      size += value.byteLength;
    }
  } finally {
    // Stops the download (and the decompressor) as soon as we have what we need.
    await reader.cancel().catch(() => undefined);
  }
}

function render(res: FetchedPage, limits: FetchUrlLimits): string {
  const contentType = res.headers.get("content-type");
  const { mime, charset } = parseContentType(contentType);
  const kind = mime ? bodyKind(mime) : sniffKind(res.body);
  if (!kind) throw new Error(`Unsupported content type "${mime || "unknown (binary)"}" at ${res.url}: fetch_url returns text only`);

  const text = decodeBody(res.body, charset, kind);
  const header = [`URL: ${res.url}`, `Status: ${res.status} ${res.statusText}`.trim(), `Content-Type: ${contentType ?? "(none)"}`];
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

/** Decides, from status and headers, whether the body is worth downloading. */
function wantsBody(res: Response): boolean {
  const { mime } = parseContentType(res.headers.get("content-type"));
  return !mime || bodyKind(mime) !== undefined || res.status < 200 || res.status >= 300;
}

function statusError(res: FetchedPage): Error {
  const { mime, charset } = parseContentType(res.headers.get("content-type"));
  const kind = mime ? bodyKind(mime) : undefined;
  let detail = "";
  if (kind && res.body.length) {
    const text = decodeBody(res.body, charset, kind);
    const readable = kind === "html" ? htmlToText(text).text : text;
    detail = readable.replace(/\s+/g, " ").trim().slice(0, 300);
  }
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  return new Error(`${status} from ${res.url}${detail ? `: ${detail}` : ""}`);
}

/** GET through the outbound guard, keeping at most `maxBytes` of a body worth reading. */
async function fetchPage(url: string, limits: FetchUrlLimits, allowHosts: readonly string[] | undefined, signal: AbortSignal): Promise<FetchedPage> {
  const guardedFetch = createGuardedFetch({ allowHosts, maxRedirects: limits.maxRedirects, lookup: limits.lookup });
  const res = await guardedFetch(url, { headers: REQUEST_HEADERS, signal });
  const meta = { url: res.url, status: res.status, statusText: res.statusText, headers: res.headers };
  const coding = undecodedCoding(res.headers);
  if (!wantsBody(res) || coding) {
    await res.body?.cancel();
    if (coding) throw new Error(`Unsupported content-encoding: ${coding}`);
    return { ...meta, body: Buffer.alloc(0), truncated: false };
  }
  return { ...meta, ...(await readLimited(res.body, limits.maxBytes)) };
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
        const res = await fetchPage(url, limits, ctx.fetchAllowHosts, signal);
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
