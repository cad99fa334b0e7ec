import { isIPv4, isIPv6 } from "node:net";

/** Why an address is (not) reachable from the public internet. Only `"public"` may be fetched. */
export type AddressKind =
  | "public"
  | "unspecified"
  | "this-network"
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "multicast"
  | "broadcast"
  | "documentation"
  | "reserved";

type Range4 = readonly [base: string, prefix: number, kind: AddressKind];

// Order matters: the first match wins, so narrower ranges come before wider ones.
const IPV4_RANGES: readonly Range4[] = [
  ["0.0.0.0", 32, "unspecified"],
  ["0.0.0.0", 8, "this-network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["255.255.255.255", 32, "broadcast"],
  ["240.0.0.0", 4, "reserved"],
];

function ipv4ToInt(address: string): number {
  return address.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

function classifyIPv4Int(value: number): AddressKind {
  for (const [base, prefix, kind] of IPV4_RANGES) {
    const size = 2 ** (32 - prefix);
    const start = ipv4ToInt(base);
    if (value >= start && value < start + size) return kind;
  }
  return "public";
}

/** Expands an IPv6 address (zone id stripped, dotted tail allowed) into eight 16-bit groups. */
function ipv6ToGroups(address: string): number[] {
  let text = address.split("%")[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToInt(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

function embeddedIPv4(high: number, low: number): number {
  return high * 0x10000 + low;
}

function classifyIPv6(address: string): AddressKind {
  const g = ipv6ToGroups(address);
  const zerosUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);

  if (zerosUpTo(8)) return "unspecified";
  if (zerosUpTo(7) && g[7] === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d) and the deprecated
  // IPv4-compatible form (::a.b.c.d) all reach an IPv4 host: judge that host.
  if (zerosUpTo(5) && g[5] === 0xffff) return classifyIPv4Int(embeddedIPv4(g[6], g[7]));
  if (zerosUpTo(4) && g[4] === 0xffff && g[5] === 0) return classifyIPv4Int(embeddedIPv4(g[6], g[7]));
  if (zerosUpTo(6)) return classifyIPv4Int(embeddedIPv4(g[6], g[7]));
  // NAT64 well-known prefix 64:ff9b::/96 also embeds the IPv4 target.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return classifyIPv4Int(embeddedIPv4(g[6], g[7]));
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return "private"; // local-use NAT64, 64:ff9b:1::/48
  if (g[0] === 0x2002) return classifyIPv4Int(embeddedIPv4(g[1], g[2])); // 6to4
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "documentation";
  if (g[0] === 0x2001 && g[1] === 0) return "reserved"; // Teredo hides its IPv4 target
  if (g[0] === 0x0100 && zerosUpTo(4)) return "reserved"; // discard-only 100::/64
  if ((g[0] & 0xfe00) === 0xfc00) return "private"; // unique local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // deprecated site-local fec0::/10
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  // Only 2000::/3 is allocated as global unicast; the rest is not a place to send requests.
  return (g[0] & 0xe000) === 0x2000 ? "public" : "reserved";
}

/** Classifies an IPv4 or IPv6 literal (IPv6 may carry brackets or a zone id). Throws on non-IP input. */
export function classifyAddress(address: string): AddressKind {
  const bare = stripBrackets(address);
  if (isIPv4(bare)) return classifyIPv4Int(ipv4ToInt(bare));
  if (isIPv6(bare.split("%")[0])) return classifyIPv6(bare);
  throw new TypeError(`Not an IP address: ${address}`);
}

/** True when the address is routable on the public internet. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === "public";
}

/** Strips the brackets of an IPv6 URL host (`[::1]` → `::1`). */
export function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * An IP literal as a number, for range tests. IPv4 embedded as `::ffff:a.b.c.d` counts as
 * IPv4, so an allow-listed `10.0.0.0/8` also covers the mapped form a dual-stack resolver returns.
 */
export function addressBits(address: string): { family: 4 | 6; bits: bigint } {
  const bare = stripBrackets(address);
  if (isIPv4(bare)) return { family: 4, bits: BigInt(ipv4ToInt(bare)) };
  if (!isIPv6(bare.split("%")[0])) throw new TypeError(`Not an IP address: ${address}`);
  const g = ipv6ToGroups(bare);
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return { family: 4, bits: BigInt(embeddedIPv4(g[6], g[7])) };
  return { family: 6, bits: g.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n) };
}
