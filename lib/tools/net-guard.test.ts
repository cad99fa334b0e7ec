import { describe, expect, it } from "vitest";
import { addressBits, classifyAddress, isPublicAddress } from "./net-guard";

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

describe("addressBits", () => {
  it("reads IPv4, IPv6 and IPv4-mapped IPv6 as numbers of their own family", () => {
    expect(addressBits("10.0.0.1")).toEqual({ family: 4, bits: 0x0a000001n });
    expect(addressBits("::ffff:10.0.0.1")).toEqual({ family: 4, bits: 0x0a000001n });
    expect(addressBits("[::1]")).toEqual({ family: 6, bits: 1n });
    expect(addressBits("fd00::1").bits >> 120n).toBe(0xfdn);
    expect(() => addressBits("example.com")).toThrow(TypeError);
  });
});
