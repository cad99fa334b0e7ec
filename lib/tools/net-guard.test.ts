import { describe, expect, it } from "vitest";
import {
  BlockedHostError,
  classifyAddress,
  effectivePort,
  isHostAllowListed,
  isPublicAddress,
  resolveFetchTarget,
  type LookupAll,
} from "./net-guard";

describe("classifyAddress — IPv4", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this-network"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["192.0.2.10", "documentation"],
    ["203.0.113.5", "documentation"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1", "223.255.255.255"])(
    "%s just outside the blocked ranges is public",
    (ip) => {
      expect(classifyAddress(ip)).toBe("public");
    },
  );
});

describe("classifyAddress — IPv6", () => {
  it.each([
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["2001:0:4136:e378::1", "reserved"],
    ["100::1", "reserved"],
    ["4000::1", "reserved"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each(["2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:80b::200e"])("%s is public", (ip) => {
    expect(classifyAddress(ip)).toBe("public");
  });

  it.each([
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:a01:203", "private"],
    ["::ffff:192.168.0.1", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:100.64.0.1", "cgnat"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["::ffff:224.0.0.1", "multicast"],
    ["::ffff:0:127.0.0.1", "loopback"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:c0a8:101::1", "private"],
  ])("IPv4 embedded in %s is judged as IPv4: %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it("mapped and 6to4 forms of a public IPv4 address are public", () => {
    expect(classifyAddress("::ffff:8.8.8.8")).toBe("public");
    expect(classifyAddress("2002:808:808::1")).toBe("public");
    expect(classifyAddress("64:ff9b::8.8.8.8")).toBe("public");
  });

  it("rejects non-addresses", () => {
    expect(() => classifyAddress("example.com")).toThrow(TypeError);
    expect(() => classifyAddress("999.1.1.1")).toThrow(TypeError);
  });
});

describe("isHostAllowListed", () => {
  const url = (s: string) => new URL(s);

  it("matches a bare host on any port and host:port on that port only", () => {
    expect(isHostAllowListed(url("http://127.0.0.1:4000/x"), ["127.0.0.1"])).toBe(true);
    expect(isHostAllowListed(url("http://127.0.0.1:4000/x"), ["127.0.0.1:4000"])).toBe(true);
    expect(isHostAllowListed(url("http://127.0.0.1:4001/x"), ["127.0.0.1:4000"])).toBe(false);
    expect(isHostAllowListed(url("http://127.0.0.2:4000/x"), ["127.0.0.1"])).toBe(false);
  });

  it("uses the scheme's default port and normalises case and trailing dots", () => {
    expect(isHostAllowListed(url("https://Intranet.Example/"), ["intranet.example:443"])).toBe(true);
    expect(isHostAllowListed(url("http://intranet.example./"), ["INTRANET.example:80"])).toBe(true);
    expect(isHostAllowListed(url("http://intranet.example/"), ["intranet.example:443"])).toBe(false);
  });

  it("understands IPv6 entries with and without brackets", () => {
    expect(isHostAllowListed(url("http://[::1]:8080/"), ["::1"])).toBe(true);
    expect(isHostAllowListed(url("http://[::1]:8080/"), ["[0:0:0:0:0:0:0:1]:8080"])).toBe(true);
    expect(isHostAllowListed(url("http://[::1]:8081/"), ["[::1]:8080"])).toBe(false);
  });

  it("does not treat a suffix or an empty list as a match", () => {
    expect(isHostAllowListed(url("http://evil-localhost/"), ["localhost"])).toBe(false);
    expect(isHostAllowListed(url("http://localhost/"), [])).toBe(false);
    expect(isHostAllowListed(url("http://localhost/"), undefined)).toBe(false);
  });

  it("computes default ports", () => {
    expect(effectivePort(url("https://a.example/"))).toBe(443);
    expect(effectivePort(url("http://a.example/"))).toBe(80);
    expect(effectivePort(url("http://a.example:8080/"))).toBe(8080);
  });
});

describe("resolveFetchTarget", () => {
  const fakeDns =
    (table: Record<string, string[]>): LookupAll =>
    async (host) =>
      (table[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("returns the addresses of a public host", async () => {
    const lookup = fakeDns({ "news.example": ["93.184.216.34", "2606:2800:220:1::248"] });
    await expect(resolveFetchTarget(new URL("https://news.example/a"), undefined, lookup)).resolves.toHaveLength(2);
  });

  it("refuses a host if any of its addresses is private (DNS pointing inward)", async () => {
    const lookup = fakeDns({ "sneaky.example": ["93.184.216.34", "10.0.0.5"] });
    await expect(resolveFetchTarget(new URL("http://sneaky.example/"), undefined, lookup)).rejects.toThrow(
      /sneaky\.example.*10\.0\.0\.5.*private/,
    );
  });

  it("refuses literal loopback and mapped-loopback URLs without a lookup", async () => {
    const lookup: LookupAll = async () => {
      throw new Error("lookup must not be called for IP literals");
    };
    await expect(resolveFetchTarget(new URL("http://127.0.0.1:9/"), undefined, lookup)).rejects.toBeInstanceOf(BlockedHostError);
    await expect(resolveFetchTarget(new URL("http://[::ffff:127.0.0.1]/"), undefined, lookup)).rejects.toThrow(/loopback/);
    // The URL parser turns shorthand like 0x7f.1 into 127.0.0.1 before we look at it.
    await expect(resolveFetchTarget(new URL("http://0x7f.1/"), undefined, lookup)).rejects.toThrow(/loopback/);
  });

  it("lets allow-listed hosts through whatever they resolve to", async () => {
    const lookup = fakeDns({ "db.internal": ["10.1.1.1"] });
    const addresses = await resolveFetchTarget(new URL("http://db.internal:5984/"), ["db.internal:5984"], lookup);
    expect(addresses.map((a) => a.address)).toEqual(["10.1.1.1"]);
  });

  it("fails clearly when a host has no addresses", async () => {
    await expect(resolveFetchTarget(new URL("http://nowhere.example/"), undefined, fakeDns({}))).rejects.toThrow(/resolve/);
  });
});
