/**
 * The one outbound guard for every URL a workspace or an agent chooses (`fetch_url`, a
 * workspace's provider base URL, later MCP and HTTP tools). It lives in the connection
 * itself: each TCP connection resolves its host, refuses non-public addresses that the
 * operator has not allow-listed, and connects only to the addresses it checked, so a DNS
 * answer cannot change between check and connect, and every redirect hop is checked again.
 */
import type { LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import { allowsAddress, allowsName, EMPTY_ALLOW_LIST, normalizeHost, parseAllowList, type AllowList } from "./allow-list";
import { classifyAddress, stripBrackets, type AddressKind } from "./net-guard";

/** The operator's allow-list for all workspace-chosen outbound traffic (comma-separated). */
export const OUTBOUND_ALLOW_HOSTS_ENV = "TIERFLOW_OUTBOUND_ALLOW_HOSTS";
/** The older, `fetch_url`-only allow-list; still honoured there and nowhere else. */
export const FETCH_URL_ALLOW_HOSTS_ENV = "TIERFLOW_FETCH_ALLOW_HOSTS";

/** A resolved address, as `dns.lookup` reports it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves every address of a host name (injectable so tests need no DNS). */
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

/** A `fetch` with the guard built in; fits the openai SDK's `fetch` option. */
export type GuardedFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface OutboundPolicy {
  /** Operator-approved destinations past the guard: `host`, `host:port`, IPs and CIDRs. */
  allowHosts?: readonly string[];
  /** Redirects followed before giving up; each hop is checked like the first. */
  maxRedirects?: number;
  lookup?: LookupAll;
}

/** Thrown when a destination is not public and not allow-listed; no request was sent. */
export class BlockedHostError extends Error {
  /** Retrying cannot help; the engine's retry reads this flag on a connection error's cause. */
  readonly retryable = false;

  constructor(
    /** `host:port` that was refused. */
    readonly target: string,
    /** Why, in words a user can act on, e.g. "127.0.0.1 is a loopback address; ask your operator…". */
    readonly reason: string,
  ) {
    super(`Refused to connect to ${target}: ${reason}`);
    this.name = "BlockedHostError";
  }
}

const KIND_PHRASE: Record<Exclude<AddressKind, "public">, string> = {
  unspecified: "the unspecified address",
  "this-network": `a "this network" address`,
  loopback: "a loopback address",
  private: "a private network address",
  "link-local": "a link-local address",
  cgnat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  documentation: "a documentation-only address",
  reserved: "a reserved address",
};

const DEFAULT_MAX_REDIRECTS = 5;

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The default port of an http(s) URL when it names none. */
export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/**
 * Resolves `hostname` and returns its addresses, or throws `BlockedHostError` when any of them
 * is not public and not allow-listed: a host with one public and one private address is
 * refused, since the connection could use either. An allow-listed name passes whatever it
 * resolves to; an allow-listed IP or network passes whichever name resolved into it.
 */
export async function checkOutboundTarget(
  hostname: string,
  port: number,
  allow: AllowList = EMPTY_ALLOW_LIST,
  lookup: LookupAll = systemLookup,
): Promise<ResolvedAddress[]> {
  const host = normalizeHost(hostname) ?? stripBrackets(hostname);
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await lookup(host);
  if (addresses.length === 0) throw new Error(`Could not resolve host ${host}`);
  if (!literal && allowsName(allow, host, port)) return addresses;
  for (const { address } of addresses) {
    if (allowsAddress(allow, address, port)) continue;
    const kind = classifyAddress(address);
    if (kind === "public") continue;
    const what = literal ? `${host} is ${KIND_PHRASE[kind]}` : `${host} resolves to ${address}, ${KIND_PHRASE[kind]}`;
    const target = `${literal === 6 ? `[${host}]` : host}:${port}`;
    throw new BlockedHostError(target, `${what}; ask your operator to add it to ${OUTBOUND_ALLOW_HOSTS_ENV}`);
  }
  return addresses;
}

/** `checkOutboundTarget` for a URL, with its scheme checked first. */
export async function checkOutboundUrl(url: URL, allowHosts?: readonly string[], lookup?: LookupAll): Promise<ResolvedAddress[]> {
  assertFetchableUrl(url);
  return checkOutboundTarget(url.hostname, effectivePort(url), parseAllowList(allowHosts), lookup);
}

/** The allow-list from the environment; `fetchUrl` adds the older `fetch_url`-only variable. */
export function outboundAllowHosts(env: Record<string, string | undefined>, { fetchUrl = false } = {}): string[] {
  const lists = [env[OUTBOUND_ALLOW_HOSTS_ENV], fetchUrl ? env[FETCH_URL_ALLOW_HOSTS_ENV] : undefined];
  return lists.flatMap((list) => (list ?? "").split(",")).map((entry) => entry.trim()).filter(Boolean);
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

function createAgent(allow: AllowList, lookup: LookupAll): Agent {
  if (allow.invalid.length) {
    console.warn(`Ignoring outbound allow-list entries that are not a host, host:port, IP or CIDR: ${allow.invalid.join(", ")}`);
  }
  return new Agent({
    // Runs once per new connection: pooled keep-alive sockets stay bound to the address they were checked for.
    connect(options, callback) {
      const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
      checkOutboundTarget(options.hostname, port, allow, lookup).then(
        (addresses) => buildConnector({ lookup: pinnedLookup(addresses) })(options, callback),
        (error: Error) => callback(error, null),
      );
    },
  });
}

// One connection pool per allow-list: the lists come from the environment, so there are few.
const agents = new Map<string, Agent>();

function agentFor(allowHosts: readonly string[] | undefined, lookup: LookupAll | undefined): Agent {
  const allow = parseAllowList(allowHosts);
  if (lookup) return createAgent(allow, lookup);
  const key = (allowHosts ?? []).join(",");
  let agent = agents.get(key);
  if (!agent) agents.set(key, (agent = createAgent(allow, systemLookup)));
  return agent;
}

function assertFetchableUrl(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, "")}`);
  }
  if (url.username || url.password) throw new Error("URLs with embedded credentials are not fetched");
}

function resolveLocation(location: string, base: URL): URL {
  try {
    return new URL(location, base);
  } catch {
    throw new Error(`Redirect from ${base.href} has an invalid Location: ${location}`);
  }
}

/** undici reports every network failure as `TypeError: fetch failed`; its cause says what happened. */
function unwrapFetchError(error: unknown): unknown {
  if (error instanceof TypeError && error.message === "fetch failed" && error.cause instanceof Error) return error.cause;
  return error;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

async function requestParts(input: string | URL | Request, init: RequestInit) {
  if (!(input instanceof Request)) return { url: new URL(input), init };
  const body = input.body ? await input.arrayBuffer() : undefined;
  return { url: new URL(input.url), init: { method: input.method, headers: input.headers, body, signal: input.signal, ...init } };
}

/**
 * A `fetch` that only reaches destinations `checkOutboundTarget` approves. It follows
 * redirects itself (up to `maxRedirects`), as fetch does: 303, and 301/302 after a POST,
 * become a GET without body; credentials are dropped when the origin changes.
 */
export function createGuardedFetch(policy: OutboundPolicy = {}): GuardedFetch {
  const dispatcher = agentFor(policy.allowHosts, policy.lookup);
  const maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  const allow = parseAllowList(policy.allowHosts);
  const send = async (url: URL, init: RequestInit): Promise<Response> => {
    assertFetchableUrl(url);
    // The connector decides; an IP literal is judged up front too, so fetch's own refusals (its "bad port" list) never mask the reason.
    if (isIP(stripBrackets(url.hostname))) await checkOutboundTarget(url.hostname, effectivePort(url), allow);
    try {
      // undici's own fetch, so the dispatcher always matches it; its Response is the web Response.
      return (await undiciFetch(url, { ...(init as UndiciRequestInit), dispatcher })) as unknown as Response;
    } catch (error) {
      throw unwrapFetchError(error);
    }
  };

  return async (input, rawInit = {}) => {
    const { url: start, init } = await requestParts(input, rawInit);
    if (init.redirect && init.redirect !== "follow") return send(start, init);
    let url = start;
    let method = (init.method ?? "GET").toUpperCase();
    let body = init.body;
    const headers = new Headers(init.headers);
    for (let redirects = 0; ; redirects++) {
      const response = await send(url, { ...init, method, headers: [...headers], body, redirect: "manual" });
      const location = response.headers.get("location");
      if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
      await response.body?.cancel();
      if (redirects >= maxRedirects) throw new Error(`Too many redirects (more than ${maxRedirects}) starting at ${start.href}`);
      const next = resolveLocation(location, url);
      if (response.status === 303 ? method !== "HEAD" : response.status <= 302 && method === "POST") {
        method = "GET";
        body = undefined;
        for (const name of BODY_HEADERS) headers.delete(name);
      } else if (body instanceof ReadableStream) {
        throw new Error(`Cannot follow the redirect from ${url.href}: the request body was a stream and cannot be sent again`);
      }
      if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
      url = next;
    }
  };
}
