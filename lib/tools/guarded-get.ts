import type { LookupOptions } from "node:dns";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { addAbortSignal, pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";
import { resolveFetchTarget, type LookupAll, type ResolvedAddress } from "./net-guard";

/** Status line and headers of the final response, after redirects. */
export interface ResponseMeta {
  url: URL;
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
}

/** The final response with its (possibly truncated) decoded body. */
export interface GuardedResponse extends ResponseMeta {
  body: Buffer;
  /** True when the body was longer than `maxBytes` and reading stopped there. */
  truncated: boolean;
}

export interface GuardedGetOptions {
  signal: AbortSignal;
  allowHosts?: readonly string[];
  maxBytes: number;
  maxRedirects: number;
  /** Decides, from status and headers, whether the body is worth downloading. */
  wantsBody?: (meta: ResponseMeta) => boolean;
  lookup?: LookupAll;
}

const REQUEST_HEADERS = {
  "user-agent": "Tierflow-fetch_url/1.0 (+agent tool; text only)",
  accept: "text/html,application/xhtml+xml,application/json;q=0.9,text/*;q=0.8,*/*;q=0.1",
  "accept-encoding": "gzip, deflate, br",
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * HTTP(S) GET that only ever connects to addresses `resolveFetchTarget` approved, follows
 * redirects itself (re-checking every hop) and stops reading after `maxBytes` decoded bytes.
 */
export async function guardedGet(start: URL, options: GuardedGetOptions): Promise<GuardedResponse> {
  let url = start;
  for (let redirects = 0; ; redirects++) {
    assertFetchableUrl(url);
    const addresses = await raceAbort(resolveFetchTarget(url, options.allowHosts, options.lookup), options.signal);
    const res = await sendGet(url, addresses, options.signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;

    if (REDIRECT_STATUSES.has(status) && location) {
      res.destroy();
      if (redirects >= options.maxRedirects) {
        throw new Error(`Too many redirects (more than ${options.maxRedirects}) starting at ${start.href}`);
      }
      url = resolveLocation(location, url);
      continue;
    }

    const meta: ResponseMeta = { url, status, statusText: res.statusMessage ?? "", headers: res.headers };
    if (options.wantsBody && !options.wantsBody(meta)) {
      res.destroy();
      return { ...meta, body: Buffer.alloc(0), truncated: false };
    }
    const { body, truncated } = await readLimited(res, options.maxBytes, options.signal);
    return { ...meta, body, truncated };
  }
}

function assertFetchableUrl(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, "")}`);
  }
  if (url.username || url.password) {
    throw new Error("URLs with embedded credentials are not fetched");
  }
}

function resolveLocation(location: string, base: URL): URL {
  try {
    return new URL(location, base);
  } catch {
    throw new Error(`Redirect from ${base.href} has an invalid Location: ${location}`);
  }
}

/** A lookup that answers only with the addresses already checked, so DNS cannot change between check and connect. */
function pinnedLookup(addresses: ResolvedAddress[]) {
  return (
    _hostname: string,
    opts: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void,
  ) => {
    const wanted = opts.family === 4 || opts.family === "IPv4" ? 4 : opts.family === 6 || opts.family === "IPv6" ? 6 : 0;
    const matching = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
    const list = matching.length ? matching : addresses;
    if (opts.all) callback(null, list);
    else callback(null, list[0].address, list[0].family);
  };
}

function sendGet(url: URL, addresses: ResolvedAddress[], signal: AbortSignal): Promise<IncomingMessage> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, {
      method: "GET",
      headers: REQUEST_HEADERS,
      signal,
      lookup: pinnedLookup(addresses),
      // No shared keep-alive pool: a pooled socket could outlive the address check it passed.
      agent: false,
    });
    req.once("response", (res) => {
      addAbortSignal(signal, res);
      resolve(res);
    });
    req.once("error", reject);
    req.end();
  });
}

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  const name = (encoding ?? "identity").trim().toLowerCase();
  if (name === "" || name === "identity") return undefined;
  if (name === "gzip" || name === "x-gzip") return zlib.createGunzip();
  if (name === "deflate") return zlib.createInflate();
  if (name === "br") return zlib.createBrotliDecompress();
  throw new Error(`Unsupported content-encoding: ${name}`);
}

/** Reads at most `maxBytes` of the decoded body; the limit applies after decompression so small bombs cannot expand. */
async function readLimited(
  res: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ body: Buffer; truncated: boolean }> {
  let source: Readable = res;
  try {
    const decoder = decoderFor(res.headers["content-encoding"]);
    if (decoder) {
      source = decoder;
      addAbortSignal(signal, decoder);
      pipeline(res, decoder, () => {
        // Errors surface through the iteration below; nothing to do here.
      });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      if (size + buf.length > maxBytes) {
        chunks.push(buf.subarray(0, maxBytes - size));
        return { body: Buffer.concat(chunks), truncated: true };
      }
      chunks.push(buf);
      size += buf.length;
    }
    return { body: Buffer.concat(chunks), truncated: false };
  } finally {
    source.destroy();
    res.destroy();
  }
}

/** Lets an un-abortable promise (DNS lookup) lose the race against cancellation. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
