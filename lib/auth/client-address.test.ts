import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, fromTrustedProxy, normalizeAddress, parseTrustedProxies, withClientAddress } from "./client-address";
import { stampPeerAddress } from "./peer-address";

/** A request as the server hands it over: stamped with its socket address. */
function from(socket: string | undefined, headers: Record<string, string> = {}): Request {
  const bag = new Headers(headers);
  stampPeerAddress(bag, socket);
  return new Request("http://localhost:3000/api/auth/sign-in/email", { headers: bag });
}

const env = (TIERFLOW_TRUSTED_PROXIES?: string) => ({ NODE_ENV: "test", TIERFLOW_TRUSTED_PROXIES }) as NodeJS.ProcessEnv;

describe("normalizeAddress", () => {
  it("writes every spelling of an address one way", () => {
    expect(normalizeAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normalizeAddress("203.0.113.7:4711")).toBe("203.0.113.7");
    expect(normalizeAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress("2001:DB8::1")).toBe("2001:db8::1");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
  });

  it("refuses what is not an address", () => {
    for (const value of ["", "unknown", "example.com", "1.2.3", "300.1.1.1", "1.2.3.4.5", "::g"]) expect(normalizeAddress(value)).toBeNull();
  });
});

describe("parseTrustedProxies (TIERFLOW_TRUSTED_PROXIES)", () => {
  it("reads IPv4 and IPv6 addresses and CIDR ranges, comma-separated", () => {
    const proxies = parseTrustedProxies(" 10.0.0.0/8, 192.168.1.5 ,::1, fd00::/8,");
    expect(proxies.entries).toEqual(["10.0.0.0/8", "192.168.1.5", "::1", "fd00::/8"]);
    for (const address of ["10.0.0.1", "10.255.255.255", "192.168.1.5", "::1", "fd12:3456::1"]) expect(proxies.has(address)).toBe(true);
    for (const address of ["11.0.0.1", "192.168.1.6", "::2", "fe80::1", "2001:db8::1"]) expect(proxies.has(address)).toBe(false);
  });

  it("trusts nobody when unset or empty", () => {
    for (const value of [undefined, "", " , "]) expect(parseTrustedProxies(value).has("127.0.0.1")).toBe(false);
  });

  it("refuses a malformed entry, naming it", () => {
    for (const entry of ["10.0.0.0/33", "::/129", "10.0.0.0/x", "proxy.internal", "10.0.0.0/8/8", "10.0.0.0/"]) {
      expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrow(`"${entry}" is not an IP address or a CIDR range`);
    }
  });
});

describe("clientAddress", () => {
  it("is the socket's address when the socket is not a declared proxy, whatever X-Forwarded-For says", () => {
    const request = from("203.0.113.7", { "x-forwarded-for": "198.51.100.1" });
    expect(clientAddress(request, env())).toBe("203.0.113.7");
    expect(clientAddress(request, env("10.0.0.0/8"))).toBe("203.0.113.7");
    expect(fromTrustedProxy(request, env("10.0.0.0/8"))).toBe(false);
  });

  it("walks X-Forwarded-For from the right past declared proxies", () => {
    const proxies = env("10.0.0.0/8, 2001:db8:ff::/48");
    // The client made up the first entry; the proxies appended the rest.
    const chain = from("10.0.0.2", { "x-forwarded-for": "192.0.2.66, 198.51.100.23, 2001:db8:ff::9, 10.0.0.1" });
    expect(fromTrustedProxy(chain, proxies)).toBe(true);
    expect(clientAddress(chain, proxies)).toBe("198.51.100.23");
    // IPv4 sockets on a dual-stack server read as IPv4-mapped IPv6.
    expect(clientAddress(from("::ffff:10.0.0.2", { "x-forwarded-for": "198.51.100.23" }), proxies)).toBe("198.51.100.23");
  });

  it("stops at the last proxy when the chain runs out or breaks", () => {
    const proxies = env("10.0.0.0/8");
    expect(clientAddress(from("10.0.0.2"), proxies)).toBe("10.0.0.2");
    expect(clientAddress(from("10.0.0.2", { "x-forwarded-for": "10.0.0.5, 10.0.0.1" }), proxies)).toBe("10.0.0.5");
    expect(clientAddress(from("10.0.0.2", { "x-forwarded-for": "198.51.100.23, garbage, 10.0.0.1" }), proxies)).toBe("10.0.0.1");
  });

  it("is unknown without a server stamp", () => {
    expect(clientAddress(from(undefined, { "x-forwarded-for": "198.51.100.1" }), env())).toBeNull();
  });
});

describe("withClientAddress", () => {
  it("hands better-auth the computed address and never the client's own claim", () => {
    const request = from("203.0.113.7", { [CLIENT_ADDRESS_HEADER]: "198.51.100.1" });
    expect(withClientAddress(request, env()).headers.get(CLIENT_ADDRESS_HEADER)).toBe("203.0.113.7");
    const unknown = from(undefined, { [CLIENT_ADDRESS_HEADER]: "198.51.100.1" });
    expect(withClientAddress(unknown, env()).headers.get(CLIENT_ADDRESS_HEADER)).toBeNull();
  });
});
