import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callHttpTool, httpToolSpecSchema, type HttpToolSpecInput } from ".";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let hostPort = "";
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path === "/slow") return void setTimeout(() => res.end("late"), 5000);
      if (path === "/big") return void res.end("x".repeat(50_000));
      if (path === "/missing") return void res.writeHead(404).end("no such order");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ path, method: req.method }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function spec(overrides: Partial<HttpToolSpecInput> = {}) {
  return httpToolSpecSchema.parse({
    name: "get_order",
    description: "Looks an order up",
    parameters: { type: "object", properties: { orderId: { type: "string" }, verbose: { type: "boolean" } }, required: ["orderId"] },
    method: "GET",
    urlTemplate: `http://${hostPort}/orders/{orderId}`,
    headers: { Authorization: "Bearer s3cret-token" },
    ...overrides,
  });
}

const call = (s: ReturnType<typeof spec>, args: unknown, allow = true, maxChars?: number) =>
  callHttpTool(s, JSON.stringify(args), { signal: new AbortController().signal, allowHosts: allow ? [hostPort] : [], maxChars });

describe("HTTP tools", () => {
  it("fills the URL template (encoded), puts the rest in the query for GET and sends the headers", async () => {
    seen.length = 0;
    const result = await call(spec(), { orderId: "a/b c", verbose: true });
    expect(result).toEqual({ ok: true, output: `HTTP 200 OK\n${JSON.stringify({ path: "/orders/a%2Fb%20c", method: "GET" })}` });
    expect(seen[0].url).toBe("/orders/a%2Fb%20c?verbose=true");
    expect(seen[0].headers.authorization).toBe("Bearer s3cret-token");
  });

  it("sends the remaining arguments as a JSON body for POST", async () => {
    seen.length = 0;
    const result = await call(spec({ method: "POST" }), { orderId: "42", verbose: false });
    expect(result.ok).toBe(true);
    expect(seen[0]).toMatchObject({ method: "POST", url: "/orders/42", body: '{"verbose":false}' });
    expect(seen[0].headers["content-type"]).toBe("application/json");
  });

  it("refuses invalid arguments before any request, telling the model why", async () => {
    seen.length = 0;
    const result = await call(spec(), { verbose: "yes" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/Invalid arguments for tool "get_order"/);
    expect(seen).toHaveLength(0);
  });

  it("refuses a private address that is not allow-listed", async () => {
    seen.length = 0;
    const result = await call(spec(), { orderId: "1" }, false);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/Refused to connect to 127\.0\.0\.1:\d+: .*loopback/);
    expect(seen).toHaveLength(0);
  });

  it("gives up after the time limit", async () => {
    const result = await call(spec({ urlTemplate: `http://${hostPort}/slow`, parameters: { type: "object", properties: {} }, timeoutMs: 1000 }), {});
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^Timed out after 1 s calling GET/) });
  });

  it("cuts an oversized response and says so", async () => {
    const result = await call(spec({ urlTemplate: `http://${hostPort}/big`, parameters: { type: "object", properties: {} } }), {}, true, 1000);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.output).toContain("x".repeat(1000));
      expect(result.output).not.toContain("x".repeat(1001));
      expect(result.output).toMatch(/\[Output cut:/);
    }
  });

  it("turns an HTTP error status into a tool error with the body", async () => {
    const result = await call(spec({ urlTemplate: `http://${hostPort}/missing`, parameters: { type: "object", properties: {} } }), {});
    expect(result).toEqual({ ok: false, error: "HTTP 404 Not Found\nno such order" });
  });
});

describe("HTTP tool definitions", () => {
  const base = { name: "t", description: "d", method: "GET", urlTemplate: "https://api.example.com/orders/{orderId}" };
  it("requires an object schema whose properties cover the URL placeholders", () => {
    expect(httpToolSpecSchema.safeParse({ ...base, parameters: { type: "string" } }).success).toBe(false);
    expect(httpToolSpecSchema.safeParse({ ...base, parameters: { type: "object", properties: {} } }).error?.issues[0].message).toMatch(/placeholder \{orderId\}/);
    expect(httpToolSpecSchema.safeParse({ ...base, parameters: { type: "object", properties: { orderId: { type: "nope" } } } }).success).toBe(false);
    expect(httpToolSpecSchema.safeParse({ ...base, parameters: { type: "object", properties: { orderId: { type: "string" } } } }).success).toBe(true);
  });
  it("rejects a URL that is not http(s)", () => {
    expect(httpToolSpecSchema.safeParse({ ...base, urlTemplate: "file:///etc/passwd", parameters: { type: "object" } }).success).toBe(false);
  });
});
