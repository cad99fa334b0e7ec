import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowList } from "./allow-list";
import { BlockedHostError, checkOutboundTarget, checkOutboundUrl, createGuardedFetch, outboundAllowHosts, type LookupAll } from "./outbound";

const ASK = "ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS";

const fakeDns =
  (table: Record<string, string[]>): LookupAll =>
  async (host) =>
    (table[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const noLookup: LookupAll = async () => {
  throw new Error("lookup must not be called for IP literals");
};

describe("checkOutboundTarget", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1:80", "127.0.0.1 is a loopback address"],
    ["169.254.169.254", "169.254.169.254:80", "169.254.169.254 is a link-local address"],
    ["10.0.0.5", "10.0.0.5:80", "10.0.0.5 is a private network address"],
    ["192.168.1.1", "192.168.1.1:80", "192.168.1.1 is a private network address"],
    ["::1", "[::1]:80", "::1 is a loopback address"],
    ["[::ffff:127.0.0.1]", "[::ffff:7f00:1]:80", "::ffff:7f00:1 is a loopback address"],
    ["fd00::1", "[fd00::1]:80", "fd00::1 is a private network address"],
  ])("refuses %s without a lookup, saying why and what to do", async (host, target, why) => {
    const refusal = checkOutboundTarget(host, 80, undefined, noLookup);
    await expect(refusal).rejects.toBeInstanceOf(BlockedHostError);
    await expect(refusal).rejects.toMatchObject({ target, reason: `${why}; ${ASK}`, retryable: false });
    await expect(refusal).rejects.toThrow(`Refused to connect to ${target}: ${why}; ${ASK}`);
  });

  it("refuses a host name that resolves inward, and one with any inward address", async () => {
    const lookup = fakeDns({ "metadata.example": ["169.254.169.254"], "sneaky.example": ["93.184.216.34", "10.0.0.5"] });
    await expect(checkOutboundTarget("metadata.example", 80, undefined, lookup)).rejects.toThrow(
      `Refused to connect to metadata.example:80: metadata.example resolves to 169.254.169.254, a link-local address; ${ASK}`,
    );
    await expect(checkOutboundTarget("sneaky.example", 443, undefined, lookup)).rejects.toThrow(/sneaky\.example resolves to 10\.0\.0\.5, a private/);
  });

  it("lets public hosts through and returns every address", async () => {
    const lookup = fakeDns({ "news.example": ["93.184.216.34", "2606:2800:220:1::248"] });
    await expect(checkOutboundTarget("news.example", 443, undefined, lookup)).resolves.toHaveLength(2);
    await expect(checkOutboundTarget("8.8.8.8", 443, undefined, noLookup)).resolves.toEqual([{ address: "8.8.8.8", family: 4 }]);
  });

  it("lets allow-listed names, IPs and networks through, on their port only when one is given", async () => {
    const lookup = fakeDns({ "vllm.internal": ["10.1.1.1"], "ollama.lan": ["192.168.7.7"] });
    const allow = parseAllowList("vllm.internal:8000, 192.168.0.0/16, 127.0.0.1:11434");
    await expect(checkOutboundTarget("vllm.internal", 8000, allow, lookup)).resolves.toEqual([{ address: "10.1.1.1", family: 4 }]);
    await expect(checkOutboundTarget("vllm.internal", 8001, allow, lookup)).rejects.toBeInstanceOf(BlockedHostError);
    await expect(checkOutboundTarget("ollama.lan", 11434, allow, lookup)).resolves.toHaveLength(1);
    await expect(checkOutboundTarget("127.0.0.1", 11434, allow, noLookup)).resolves.toHaveLength(1);
    await expect(checkOutboundTarget("127.0.0.1", 11435, allow, noLookup)).rejects.toBeInstanceOf(BlockedHostError);
    await expect(checkOutboundTarget("10.1.1.1", 8000, allow, noLookup)).rejects.toBeInstanceOf(BlockedHostError);
  });

  it("fails clearly when a host has no addresses", async () => {
    await expect(checkOutboundTarget("nowhere.example", 80, undefined, fakeDns({}))).rejects.toThrow("Could not resolve host nowhere.example");
  });
});

describe("checkOutboundUrl", () => {
  it("checks the scheme, credentials and default port", async () => {
    await expect(checkOutboundUrl(new URL("file:///etc/passwd"))).rejects.toThrow(/Only http and https/);
    await expect(checkOutboundUrl(new URL("https://user:pw@8.8.8.8/"))).rejects.toThrow(/embedded credentials/);
    await expect(checkOutboundUrl(new URL("https://127.0.0.1/v1"))).rejects.toMatchObject({ target: "127.0.0.1:443" });
    // The URL parser turns shorthand like 0x7f.1 into 127.0.0.1 before we look at it.
    await expect(checkOutboundUrl(new URL("http://0x7f.1/"))).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
  });
});

describe("outboundAllowHosts", () => {
  const env = { TIERFLOW_OUTBOUND_ALLOW_HOSTS: "ollama.internal:11434, 10.0.0.0/8", TIERFLOW_FETCH_ALLOW_HOSTS: "wiki.local" };

  it("reads the shared variable, and the older fetch_url one only for fetch_url", () => {
    expect(outboundAllowHosts(env)).toEqual(["ollama.internal:11434", "10.0.0.0/8"]);
    expect(outboundAllowHosts(env, { fetchUrl: true })).toEqual(["ollama.internal:11434", "10.0.0.0/8", "wiki.local"]);
    expect(outboundAllowHosts({})).toEqual([]);
  });
});

interface Seen {
  method: string;
  url: string;
  body: string;
  authorization: string | undefined;
}

async function startServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", body: Buffer.concat(chunks).toString(), authorization: req.headers.authorization });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("createGuardedFetch", () => {
  let target: Awaited<ReturnType<typeof startServer>>;
  let bouncer: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    target = await startServer((req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(`reached ${req.method} ${req.url}`));
    bouncer = await startServer((req, res) => {
      const [, status, path] = /^\/(\d{3})(\/.*)$/.exec(req.url ?? "") ?? [];
      if (status) res.writeHead(Number(status), { location: `${target.origin}${path}` }).end();
      else if (req.url === "/loop") res.writeHead(302, { location: "/loop" }).end();
      else res.writeHead(200).end("bounced nowhere");
    });
  });

  afterAll(async () => {
    await Promise.all([target.close(), bouncer.close()]);
  });

  it("refuses a loopback server before sending anything, with the reason as the error", async () => {
    const before = target.seen.length;
    const refusal = createGuardedFetch()(`${target.origin}/v1/chat/completions`, { method: "POST", body: "{}" });
    await expect(refusal).rejects.toBeInstanceOf(BlockedHostError);
    await expect(refusal).rejects.toThrow(`Refused to connect to 127.0.0.1:${target.port}: 127.0.0.1 is a loopback address; ${ASK}`);
    expect(target.seen.length).toBe(before);
  });

  it("refuses a DNS name that resolves to a private address, and never connects", async () => {
    const before = target.seen.length;
    const lookup = fakeDns({ "intranet.test": ["127.0.0.1"] });
    await expect(createGuardedFetch({ lookup })(`http://intranet.test:${target.port}/`)).rejects.toThrow(
      `intranet.test resolves to 127.0.0.1, a loopback address; ${ASK}`,
    );
    expect(target.seen.length).toBe(before);
  });

  it("reaches an allow-listed host by IP, host:port or CIDR, sending method and body", async () => {
    for (const entry of ["127.0.0.1", `127.0.0.1:${target.port}`, "127.0.0.0/8"]) {
      const response = await createGuardedFetch({ allowHosts: [entry] })(`${target.origin}/v1/models`, { method: "POST", body: '{"a":1}' });
      expect(await response.text()).toBe("reached POST /v1/models");
    }
    expect(target.seen.at(-1)).toMatchObject({ method: "POST", body: '{"a":1}' });
  });

  it("connects to the address it checked, so a DNS answer that changes afterwards cannot redirect it", async () => {
    let lookups = 0;
    // Answers the allowed address once, then a refused one: a rebinding attacker's resolver.
    const rebinding: LookupAll = async () => [{ address: lookups++ === 0 ? "127.0.0.1" : "169.254.169.254", family: 4 }];
    const response = await createGuardedFetch({ allowHosts: [`127.0.0.1:${target.port}`], lookup: rebinding })(`http://rebind.test:${target.port}/pinned`);
    expect(await response.text()).toBe("reached GET /pinned");
    expect(lookups).toBe(1);
  });

  it("re-checks every redirect hop: a public-looking start cannot bounce to a refused address", async () => {
    const before = target.seen.length;
    const guarded = createGuardedFetch({ allowHosts: [`127.0.0.1:${bouncer.port}`] });
    await expect(guarded(`${bouncer.origin}/307/secret`)).rejects.toThrow(`Refused to connect to 127.0.0.1:${target.port}: 127.0.0.1 is a loopback address`);
    expect(target.seen.length).toBe(before);
  });

  it("follows allowed redirects as fetch does, dropping credentials across origins", async () => {
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
    const auth = { authorization: "Bearer sk-should-not-travel" };
    const kept = await guarded(`${bouncer.origin}/307/kept`, { method: "POST", body: "payload", headers: auth });
    expect(await kept.text()).toBe("reached POST /kept");
    expect(kept.url).toBe(`${target.origin}/kept`);
    expect(target.seen.at(-1)).toMatchObject({ body: "payload", authorization: undefined });
    expect(bouncer.seen.at(-1)?.authorization).toBe(auth.authorization);

    const seeOther = await guarded(`${bouncer.origin}/303/other`, { method: "POST", body: "payload" });
    expect(await seeOther.text()).toBe("reached GET /other");
  });

  it("gives up after maxRedirects and leaves manual redirects to the caller", async () => {
    const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"], maxRedirects: 2 });
    await expect(guarded(`${bouncer.origin}/loop`)).rejects.toThrow(`Too many redirects (more than 2) starting at ${bouncer.origin}/loop`);
    const manual = await guarded(`${bouncer.origin}/302/x`, { redirect: "manual" });
    expect(manual.status).toBe(302);
  });
});
