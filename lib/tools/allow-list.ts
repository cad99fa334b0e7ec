import { isIP, isIPv6 } from "node:net";
import { addressBits, stripBrackets } from "./net-guard";

/**
 * One operator-approved destination. A name matches that host name whatever it resolves to;
 * a network matches every address inside it, whichever host name led there.
 */
type AllowEntry =
  | { kind: "name"; name: string; port?: number }
  | { kind: "network"; family: 4 | 6; bits: bigint; prefix: number; port?: number };

/** Parsed allow-list entries; `invalid` keeps what could not be read, so it can be reported. */
export interface AllowList {
  entries: readonly AllowEntry[];
  invalid: readonly string[];
}

export const EMPTY_ALLOW_LIST: AllowList = { entries: [], invalid: [] };

/** Lower-cased, punycoded, without brackets or a trailing dot; undefined when not a valid host. */
export function normalizeHost(host: string): string | undefined {
  const bare = stripBrackets(host);
  try {
    // The URL parser canonicalises case, IPv4 shorthand (0x7f.1), IPv6 compression and IDN.
    const hostname = new URL(`http://${isIPv6(bare) ? `[${bare}]` : bare}/`).hostname;
    return stripBrackets(hostname).replace(/\.$/, "");
  } catch {
    return undefined;
  }
}

function networkEntry(address: string, prefix: number | undefined, port: number | undefined): AllowEntry | undefined {
  const { family, bits } = addressBits(address);
  // A mapped IPv6 prefix (::ffff:10.0.0.0/104) counts in IPv4 bits, like the address itself.
  const width = family === 4 ? 32 : 128;
  const own = prefix === undefined ? width : isIPv6(address) && family === 4 ? prefix - 96 : prefix;
  if (!Number.isInteger(own) || own < 0 || own > width) return undefined;
  return { kind: "network", family, bits, prefix: own, ...(port === undefined ? {} : { port }) };
}

function parsePort(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : null;
}

function parseEntry(raw: string): AllowEntry | undefined {
  const text = raw.trim().toLowerCase();
  // CIDR: 10.0.0.0/8, fd00::/8 (any port).
  const cidr = /^\[?([^\]/]+)\]?\/(\d{1,3})$/.exec(text);
  if (cidr) return isIP(cidr[1]) ? networkEntry(cidr[1], Number(cidr[2]), undefined) : undefined;
  // A bare IPv6 address never carries a port: "::1:8080" is an address.
  if (isIPv6(text)) return networkEntry(text, undefined, undefined);
  const hostPort = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!hostPort) return undefined;
  const port = parsePort(hostPort[2]);
  const host = normalizeHost(hostPort[1]);
  if (port === null || !host) return undefined;
  if (isIP(host)) return networkEntry(host, undefined, port);
  return { kind: "name", name: host, ...(port === undefined ? {} : { port }) };
}

/**
 * Reads allow-list entries: `host`, `host:port`, an IP (`10.0.0.5`, `::1`, `[::1]:8080`) or a
 * CIDR (`10.0.0.0/8`, `fd00::/8`). Entries may come as one comma-separated string.
 */
export function parseAllowList(input: string | readonly string[] | undefined): AllowList {
  const raw = (typeof input === "string" ? input.split(",") : (input ?? [])).map((entry) => entry.trim()).filter(Boolean);
  const entries: AllowEntry[] = [];
  const invalid: string[] = [];
  for (const text of raw) {
    const entry = parseEntry(text);
    if (entry) entries.push(entry);
    else invalid.push(text);
  }
  return { entries, invalid };
}

const portMatches = (entry: AllowEntry, port: number) => entry.port === undefined || entry.port === port;

/** True when `hostname` (a name, not an IP) is listed for `port`. */
export function allowsName(list: AllowList, hostname: string, port: number): boolean {
  const host = normalizeHost(hostname);
  return list.entries.some((entry) => entry.kind === "name" && entry.name === host && portMatches(entry, port));
}

/** True when the IP `address` lies in a listed network (or is a listed IP) for `port`. */
export function allowsAddress(list: AllowList, address: string, port: number): boolean {
  const { family, bits } = addressBits(address);
  return list.entries.some((entry) => {
    if (entry.kind !== "network" || entry.family !== family || !portMatches(entry, port)) return false;
    const shift = BigInt((family === 4 ? 32 : 128) - entry.prefix);
    return bits >> shift === entry.bits >> shift;
  });
}
