import { describe, expect, it } from "vitest";
import { allowsAddress, allowsName, parseAllowList } from "./allow-list";

describe("parseAllowList", () => {
  it("reads a comma-separated list and keeps what it cannot read apart", () => {
    const list = parseAllowList(" ollama.internal:11434, 10.0.0.0/8 ,,fd00::/8, [::1]:8080, 10.0.0.0/33, host:99999, a b");
    expect(list.entries).toHaveLength(4);
    expect(list.invalid).toEqual(["10.0.0.0/33", "host:99999", "a b"]);
  });
});

describe("host names", () => {
  it("match on any port, or only the port given, never a suffix", () => {
    const list = parseAllowList(["ollama.internal", "vllm.internal:8000"]);
    expect(allowsName(list, "ollama.internal", 11434)).toBe(true);
    expect(allowsName(list, "vllm.internal", 8000)).toBe(true);
    expect(allowsName(list, "vllm.internal", 8001)).toBe(false);
    expect(allowsName(list, "evil-ollama.internal", 11434)).toBe(false);
    expect(allowsName(list, "ollama.internal.evil.example", 11434)).toBe(false);
  });

  it("normalise case, trailing dots and IDN", () => {
    const list = parseAllowList(["Intranet.Example.", "bücher.example"]);
    expect(allowsName(list, "intranet.example.", 443)).toBe(true);
    expect(allowsName(list, "INTRANET.example", 80)).toBe(true);
    expect(allowsName(list, "xn--bcher-kva.example", 80)).toBe(true);
  });
});

describe("addresses and networks", () => {
  it("match an IP on any port or on the port given", () => {
    const list = parseAllowList(["127.0.0.1:4000", "192.168.1.20"]);
    expect(allowsAddress(list, "127.0.0.1", 4000)).toBe(true);
    expect(allowsAddress(list, "127.0.0.1", 4001)).toBe(false);
    expect(allowsAddress(list, "127.0.0.2", 4000)).toBe(false);
    expect(allowsAddress(list, "192.168.1.20", 1)).toBe(true);
  });

  it("match IPv4 and IPv6 CIDRs, IPv4-mapped IPv6 included", () => {
    const list = parseAllowList(["10.0.0.0/8", "fd00::/8"]);
    expect(allowsAddress(list, "10.255.1.2", 80)).toBe(true);
    expect(allowsAddress(list, "::ffff:10.1.2.3", 80)).toBe(true);
    expect(allowsAddress(list, "11.0.0.1", 80)).toBe(false);
    expect(allowsAddress(list, "fd12:3456::1", 80)).toBe(true);
    expect(allowsAddress(list, "fe80::1", 80)).toBe(false);
  });

  it("understand IPv6 with and without brackets, and IPv4 shorthand", () => {
    const list = parseAllowList(["::1", "[0:0:0:0:0:0:0:2]:8080", "0x7f.0.0.3"]);
    expect(allowsAddress(list, "::1", 1)).toBe(true);
    expect(allowsAddress(list, "::2", 8080)).toBe(true);
    expect(allowsAddress(list, "::2", 8081)).toBe(false);
    expect(allowsAddress(list, "127.0.0.3", 80)).toBe(true);
  });

  it("match nothing when the list is empty", () => {
    expect(allowsAddress(parseAllowList(undefined), "127.0.0.1", 80)).toBe(false);
    expect(allowsName(parseAllowList(""), "localhost", 80)).toBe(false);
  });
});
