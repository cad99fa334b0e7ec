import { BlockList, isIP } from "node:net";
import { peerAddress } from "./peer-address";

/**
 * Who is on the other end of a request. The socket's address is the truth, unless that
 * socket belongs to a reverse proxy the operator declared in `TIERFLOW_TRUSTED_PROXIES`
 * (comma-separated IPv4/IPv6 addresses and CIDR ranges); only then do `X-Forwarded-*`
 * headers count. Nothing is trusted by default: a header any client can send is no address.
 */

export interface TrustedProxies {
  /** The entries as configured, for messages. */
  readonly entries: readonly string[];
  has(address: string): boolean;
}

/**
 * An address as the socket or a forwarded header writes it, in one canonical form: IPv4
 * dotted, IPv6 lower-case, IPv4-mapped IPv6 (`::ffff:10.0.0.1`) as IPv4, with brackets, a
 * port (`203.0.113.7:4711`, `[2001:db8::1]:443`) or an IPv6 zone removed. Null if not an IP.
 */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value : null;
}

/** Parses `TIERFLOW_TRUSTED_PROXIES`; throws, naming the entry, on anything that is not an address or range. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    const [base, prefix, ...rest] = entry.split("/");
    const address = normalizeAddress(base);
    const family = address && isIP(address) === 6 ? "ipv6" : "ipv4";
    const bits = prefix === undefined ? null : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!address || rest.length > 0 || Number.isNaN(bits) || (bits !== null && bits > (family === "ipv6" ? 128 : 32))) {
      throw new Error(`TIERFLOW_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range (e.g. 10.0.0.0/8, ::1, fd00::/8).`);
    }
    if (bits === null) list.addAddress(address, family);
    else list.addSubnet(address, bits, family);
  }
  return { entries, has: (address) => list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4") };
}

let cached: { source: string | undefined; proxies: TrustedProxies } | null = null;

/** The configured trusted proxies (parsed once per value of the variable). */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): TrustedProxies {
  const source = env.TIERFLOW_TRUSTED_PROXIES;
  if (cached === null || cached.source !== source) cached = { source, proxies: parseTrustedProxies(source) };
  return cached.proxies;
}

/** The request's socket address, normalized; null when the server could not stamp it. */
function socketAddress(request: Request): string | null {
  const peer = peerAddress(request.headers);
  return peer === null ? null : normalizeAddress(peer);
}

/** Whether the request reached us straight from a declared proxy, so its forwarded headers count. */
export function fromTrustedProxy(request: Request, env: NodeJS.ProcessEnv = process.env): boolean {
  const socket = socketAddress(request);
  return socket !== null && trustedProxies(env).has(socket);
}

/**
 * The client's address: the socket's, or — when the socket is a trusted proxy — the first
 * address in `X-Forwarded-For`, read from the right, that is not itself a trusted proxy
 * (each proxy appends the address it was reached from, so only the right end is vouched
 * for). A malformed hop ends the walk at the last proxy that vouched for it. Null when the
 * socket address is unknown.
 */
export function clientAddress(request: Request, env: NodeJS.ProcessEnv = process.env): string | null {
  const socket = socketAddress(request);
  if (socket === null) return null;
  const proxies = trustedProxies(env);
  let client = socket;
  if (!proxies.has(client)) return client;
  const hops = (request.headers.get("x-forwarded-for") ?? "").split(",").filter((hop) => hop.trim() !== "");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (hop === null) return client;
    client = hop;
    if (!proxies.has(hop)) return hop;
  }
  return client;
}

/** The header better-auth reads the client address from (`advanced.ipAddress.ipAddressHeaders`). */
export const CLIENT_ADDRESS_HEADER = "x-tierflow-client-address";

/**
 * The request as better-auth should see it: carrying the client address computed above in
 * `CLIENT_ADDRESS_HEADER`, whatever the client put there. better-auth keys its sign-in rate
 * limit on it; without an address it falls back to one shared bucket.
 */
export function withClientAddress(request: Request, env: NodeJS.ProcessEnv = process.env): Request {
  const headers = new Headers(request.headers);
  const address = clientAddress(request, env);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  else headers.delete(CLIENT_ADDRESS_HEADER);
  return new Request(request, { headers });
}
