import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetchUrlTool, fetchUrlTool } from "./fetch-url";
import type { ToolContext } from "./types";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface TestServer {
  origin: string;
  hostPort: string;
  hits: string[];
  close(): Promise<void>;
}

async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const handler = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (handler) handler(req, res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("no such page");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PAGE = `<!doctype html>
<html><head><title>Tide tables &amp; times</title>
<style>body { color: red }</style><script>var secret = "do not show";</script></head>
<body><noscript>Enable JavaScript</noscript>
<h1>High   tide</h1>
<p>Today at 06:12 &mdash; 4.2&nbsp;m. Caf&eacute; &#233;t&#xE9; &lt;ok&gt;</p>
<ul><li>Dover</li><li>Calais</li></ul>
<!-- a comment that is not content -->
</body></html>`;

const BIG_BODY = "x".repeat(2 * 1024 * 1024);

let site: TestServer;
let other: TestServer;
let ctx: ToolContext;

beforeAll(async () => {
  other = await startServer({ "/": (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("internal secret") });
  site = await startServer({
    "/page": (_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE),
    "/data.json": (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"items":[1,2,3]}'),
    "/big": (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(BIG_BODY),
    "/gzip": (_req, res) =>
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(zlib.gzipSync("compressed hello")),
    "/bomb": (_req, res) =>
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 97))),
    "/zstd": (_req, res) => res.writeHead(200, { "content-type": "text/plain", "content-encoding": "zstd" }).end(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])),
    "/hop1": (_req, res) => res.writeHead(302, { location: "/hop2" }).end(),
    "/hop2": (_req, res) => res.writeHead(301, { location: `${site.origin}/data.json` }).end(),
    "/loop": (_req, res) => res.writeHead(302, { location: "/loop" }).end(),
    "/to-other": (_req, res) => res.writeHead(307, { location: `${other.origin}/` }).end(),
    "/to-file": (_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end(),
    "/hang": () => {
      // Never answers: the client must give up on its own.
    },
    "/missing": (_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not here</h1><p>Try /page</p>"),
    "/boom": (_req, res) => res.writeHead(503, { "content-type": "text/plain" }).end("maintenance"),
    "/image": (_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])),
  });
  // Only this server's exact port is allowed; `other` listens on the same loopback address.
  ctx = { signal: new AbortController().signal, fetchAllowHosts: [site.hostPort] };
});

afterAll(async () => {
  await Promise.all([site.close(), other.close()]);
});

describe("fetch_url", () => {
  it("turns HTML into readable text with the title and a header line", async () => {
    const output = await fetchUrlTool.execute({ url: `${site.origin}/page` }, ctx);
    const [header, ...rest] = output.split("\n");
    expect(header).toBe(`URL: ${site.origin}/page | Status: 200 OK | Content-Type: text/html; charset=utf-8`);
    const body = rest.join("\n");
    expect(body).toContain("Title: Tide tables & times");
    expect(body).toContain("High tide");
    expect(body).toContain("Today at 06:12 — 4.2 m. Café été <ok>");
    expect(body).toContain("- Dover\n- Calais");
    expect(body).not.toMatch(/secret|color: red|Enable JavaScript|comment|<p>/);
  });

  it("returns JSON as text", async () => {
    const output = await fetchUrlTool.execute({ url: `${site.origin}/data.json` }, ctx);
    expect(output).toContain("Content-Type: application/json");
    expect(output.endsWith('{"ok":true,"items":[1,2,3]}')).toBe(true);
  });

  it("stops reading at 1 MB, says so, and caps the output", async () => {
    const output = await fetchUrlTool.execute({ url: `${site.origin}/big` }, ctx);
    expect(output).toContain("Truncated: only the first 1 MB was read");
    expect(output.length).toBeLessThan(20_100);
    expect(output).toMatch(/\[… output truncated: \d+ more characters\]$/);
    const omitted = Number(/truncated: (\d+) more/.exec(output)?.[1]);
    // What was read plus the header is about 1 MB, not the 2 MB the server sent.
    expect(omitted + 20_000).toBeLessThan(1024 * 1024 + 500);
  });

  it("decompresses gzip, and counts the limit after decompression", async () => {
    await expect(fetchUrlTool.execute({ url: `${site.origin}/gzip` }, ctx)).resolves.toMatch(/compressed hello$/);
    const bomb = await fetchUrlTool.execute({ url: `${site.origin}/bomb` }, ctx);
    expect(bomb).toContain("Truncated: only the first 1 MB was read");
  });

  it("refuses a content-encoding it cannot decode rather than hand the model compressed bytes", async () => {
    await expect(fetchUrlTool.execute({ url: `${site.origin}/zstd` }, ctx)).rejects.toThrow("Unsupported content-encoding: zstd");
  });

  it("follows redirects and reports the final URL", async () => {
    const output = await fetchUrlTool.execute({ url: `${site.origin}/hop1` }, ctx);
    expect(output.startsWith(`URL: ${site.origin}/data.json | Status: 200`)).toBe(true);
  });

  it("gives up after 5 redirects", async () => {
    await expect(fetchUrlTool.execute({ url: `${site.origin}/loop` }, ctx)).rejects.toThrow(/Too many redirects \(more than 5\)/);
  });

  it("re-checks every hop: a redirect to a loopback port that is not allow-listed is refused", async () => {
    const before = other.hits.length;
    await expect(fetchUrlTool.execute({ url: `${site.origin}/to-other` }, ctx)).rejects.toThrow(
      `Refused to connect to ${other.hostPort}: 127.0.0.1 is a loopback address; ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS`,
    );
    expect(other.hits.length).toBe(before);
  });

  it("refuses redirects to non-HTTP schemes", async () => {
    await expect(fetchUrlTool.execute({ url: `${site.origin}/to-file` }, ctx)).rejects.toThrow(/Only http and https/);
  });

  it("refuses 127.0.0.1 when it is not allow-listed, without sending a request", async () => {
    const before = site.hits.length;
    const plain = { signal: new AbortController().signal };
    await expect(fetchUrlTool.execute({ url: `${site.origin}/page` }, plain)).rejects.toThrow(
      /127\.0\.0\.1 is a loopback address; ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS/,
    );
    await expect(fetchUrlTool.execute({ url: `http://localhost:${new URL(site.origin).port}/page` }, plain)).rejects.toThrow(
      /Refused to connect to localhost:\d+: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
    expect(site.hits.length).toBe(before);
  });

  it("turns non-2xx statuses into errors with the status and a snippet", async () => {
    await expect(fetchUrlTool.execute({ url: `${site.origin}/missing` }, ctx)).rejects.toThrow(
      `HTTP 404 Not Found from ${site.origin}/missing: Not here Try /page`,
    );
    await expect(fetchUrlTool.execute({ url: `${site.origin}/boom` }, ctx)).rejects.toThrow(/HTTP 503 Service Unavailable.*maintenance/);
  });

  it("refuses binary content", async () => {
    await expect(fetchUrlTool.execute({ url: `${site.origin}/image` }, ctx)).rejects.toThrow(/Unsupported content type "image\/png"/);
  });

  it("stops with an AbortError when the run is cancelled", async () => {
    const controller = new AbortController();
    const pending = fetchUrlTool.execute({ url: `${site.origin}/hang` }, { ...ctx, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("times out on its own and reports it as an ordinary error", async () => {
    const quick = createFetchUrlTool({ timeoutMs: 200 });
    const started = Date.now();
    await expect(quick.execute({ url: `${site.origin}/hang` }, ctx)).rejects.toThrow(`Timed out after 0.2 s fetching ${site.origin}/hang`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("validates its arguments", () => {
    expect(fetchUrlTool.parameters.safeParse({ url: "ftp://example.com/x" }).success).toBe(false);
    expect(fetchUrlTool.parameters.safeParse({ url: "not a url" }).success).toBe(false);
    expect(fetchUrlTool.parameters.safeParse({ url: "https://example.com/x" }).success).toBe(true);
  });
});
