import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { McpConnection } from "./client";
import { stdioPolicy } from "./stdio-policy";
import { httpServer, MCP_SERVER_BINS, NODE_STDIO, startEverythingHttp, startTestMcpServer, stdioServer, type RunningHttpServer } from "./testing";

const live = () => new AbortController().signal;
const LOOPBACK = ["127.0.0.1"];

describe("MCP over Streamable HTTP (server-everything)", () => {
  let server: RunningHttpServer;
  beforeAll(async () => {
    server = await startEverythingHttp();
  });
  afterAll(() => server.stop());

  it("lists the tools and calls echo and get-sum through the outbound guard", async () => {
    const connection = await McpConnection.open(httpServer("everything", server.url), { stdio: { enabled: false }, allowHosts: LOOPBACK });
    try {
      const tools = await connection.listTools();
      const names = tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(["echo", "get-sum", "get-structured-content"]));
      const sum = tools.find((tool) => tool.name === "get-sum")!;
      expect(sum.description).not.toBe("");
      expect(sum.inputSchema).toMatchObject({ type: "object", properties: { a: { type: "number" }, b: { type: "number" } } });

      expect(await connection.callTool("echo", { message: "hello" }, live())).toEqual({ ok: true, output: "Echo: hello" });
      expect(await connection.callTool("get-sum", { a: 2, b: 40 }, live())).toEqual({ ok: true, output: "The sum of 2 and 40 is 42." });
    } finally {
      await connection.close();
    }
  });

  it("refuses a loopback server the operator has not allow-listed, before any request", async () => {
    await expect(McpConnection.open(httpServer("everything", server.url), { stdio: { enabled: false } })).rejects.toThrow(
      /Could not connect to MCP server "everything".*127\.0\.0\.1 is a loopback address.*TIERFLOW_OUTBOUND_ALLOW_HOSTS/,
    );
  });

  it("turns invalid arguments into a tool error the model can read", async () => {
    const connection = await McpConnection.open(httpServer("everything", server.url), { stdio: { enabled: false }, allowHosts: LOOPBACK });
    try {
      const result = await connection.callTool("get-sum", { a: "two" }, live());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/a|b/);
    } finally {
      await connection.close();
    }
  });
});

describe("MCP over Streamable HTTP when the server dies", () => {
  it("fails a call in flight as a lost connection at once, not at the call timeout", async () => {
    const doomed = await startEverythingHttp();
    const connection = await McpConnection.open(httpServer("remote", doomed.url), { stdio: { enabled: false }, allowHosts: LOOPBACK });
    try {
      const posts = doomed.posts();
      const call = connection.callTool("trigger-long-running-operation", { duration: 20, steps: 20 }, live());
      await expect.poll(() => doomed.posts()).toBe(posts + 1);
      doomed.process.kill("SIGKILL");
      const started = Date.now();
      expect(await call).toEqual({ ok: false, error: 'MCP tool "trigger-long-running-operation" on "remote" failed: the connection to the server was lost' });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(connection.lost).toBe(true);
    } finally {
      await connection.close();
      await doomed.stop();
    }
  }, 15_000);
});

describe("MCP over stdio (server-everything)", () => {
  it("is refused unless the operator turns stdio on, and then only for listed commands", async () => {
    const config = stdioServer("everything", [MCP_SERVER_BINS.everything, "stdio"]);
    await expect(McpConnection.open(config, { stdio: stdioPolicy({}) })).rejects.toThrow(/stdio MCP servers are turned off.*TIERFLOW_MCP_STDIO=1/);
    await expect(McpConnection.open(config, { stdio: stdioPolicy({ TIERFLOW_MCP_STDIO: "uvx,docker" }) })).rejects.toThrow(
      /is not in TIERFLOW_MCP_STDIO \(allowed: uvx, docker\)/,
    );
  });

  it("passes env to the process, maps structured content and images, and stops the process on close", async () => {
    const config = stdioServer("everything", [MCP_SERVER_BINS.everything, "stdio"], { TIERFLOW_TEST_MARKER: "kumquat" });
    const connection = await McpConnection.open(config, { stdio: NODE_STDIO });
    const pid = connection.pid!;
    expect(process.kill(pid, 0)).toBe(true);

    const env = await connection.callTool("get-env", {}, live());
    expect(env.ok && env.output).toContain('"TIERFLOW_TEST_MARKER": "kumquat"');

    const weather = await connection.callTool("get-structured-content", { location: "Chicago" }, live());
    expect(weather.ok).toBe(true);
    if (weather.ok) expect(JSON.parse(weather.output.split("\n").at(-1)!)).toMatchObject({ temperature: expect.any(Number), conditions: expect.any(String) });

    const image = await connection.callTool("get-tiny-image", {}, live());
    expect(image.ok && image.output).toMatch(/\[image \(image\/png\), \d+ bytes, not shown\]/);

    await connection.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it("times out a slow call, honours an abort, and reports a server that dies mid-call", async () => {
    const config = stdioServer("slow", [MCP_SERVER_BINS.everything, "stdio"], {}, 300);
    const connection = await McpConnection.open(config, { stdio: NODE_STDIO });
    try {
      const timedOut = await connection.callTool("trigger-long-running-operation", { duration: 5, steps: 5 }, live());
      expect(timedOut).toEqual({ ok: false, error: 'MCP tool "trigger-long-running-operation" on "slow" did not answer within 300 ms' });

      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await expect(connection.callTool("trigger-long-running-operation", { duration: 0.2, steps: 1 }, controller.signal)).rejects.toMatchObject({
        name: "AbortError",
      });
    } finally {
      await connection.close();
    }

    const dying = await McpConnection.open(stdioServer("dying", [MCP_SERVER_BINS.everything, "stdio"]), { stdio: NODE_STDIO });
    const call = dying.callTool("trigger-long-running-operation", { duration: 5, steps: 5 }, live());
    setTimeout(() => process.kill(dying.pid!, "SIGKILL"), 200);
    const result = await call;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/MCP tool "trigger-long-running-operation" on "dying" failed: the connection to the server was lost/);
    await dying.close();
  });

  it("says why a process that exits at once could not connect", async () => {
    const config = stdioServer("broken", ["-e", "console.error('missing API token'); process.exit(3)"]);
    await expect(McpConnection.open(config, { stdio: NODE_STDIO })).rejects.toThrow(/Could not connect to MCP server "broken".*missing API token/);
  });
});

describe("MCP reference servers over stdio", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tierflow-mcp-"));
    await writeFile(path.join(folder, "notes.txt"), "the quarterly number is 7");
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it("reads a file in the folder server-filesystem was given, and refuses one outside it", async () => {
    const connection = await McpConnection.open(stdioServer("files", [MCP_SERVER_BINS.filesystem, folder]), { stdio: NODE_STDIO });
    try {
      const names = (await connection.listTools()).map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(["read_text_file", "list_directory"]));
      const listing = await connection.callTool("list_directory", { path: folder }, live());
      expect(listing.ok && listing.output).toContain("notes.txt");
      expect(await connection.callTool("read_text_file", { path: path.join(folder, "notes.txt") }, live())).toMatchObject({
        ok: true,
        output: expect.stringContaining("the quarterly number is 7"),
      });
      const outside = await connection.callTool("read_text_file", { path: "/etc/hostname" }, live());
      expect(outside.ok).toBe(false);
      if (!outside.ok) expect(outside.error).toMatch(/denied|outside/i);
    } finally {
      await connection.close();
    }
  });

  it("stores and reads back an entity with server-memory", async () => {
    const env = { MEMORY_FILE_PATH: path.join(folder, "memory.jsonl") };
    const connection = await McpConnection.open(stdioServer("memory", [MCP_SERVER_BINS.memory], env), { stdio: NODE_STDIO });
    try {
      const created = await connection.callTool("create_entities", { entities: [{ name: "Ada", entityType: "person", observations: ["writes engines"] }] }, live());
      expect(created.ok).toBe(true);
      const graph = await connection.callTool("read_graph", {}, live());
      expect(graph.ok && graph.output).toContain("writes engines");
    } finally {
      await connection.close();
    }
  });
});

describe("MCP tool listing and output limits (in-process SDK server)", () => {
  const tool = (name: string) => ({ name, description: `Tool ${name}`, inputSchema: { type: "object" as const, properties: {} } });

  it("follows nextCursor through every page and sends the configured headers", async () => {
    const server = await startTestMcpServer({ pages: [[tool("a"), tool("b")], [tool("c")], [tool("d")]] });
    try {
      const config = httpServer("paged", server.url, { Authorization: "Bearer s3cret" });
      const connection = await McpConnection.open(config, { stdio: { enabled: false }, allowHosts: LOOPBACK });
      expect((await connection.listTools()).map((t) => t.name)).toEqual(["a", "b", "c", "d"]);
      await connection.close();
      expect(server.stats.headers.every((headers) => headers.authorization === "Bearer s3cret")).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("cuts an oversized result and tells the model", async () => {
    const server = await startTestMcpServer({ pages: [[tool("big")]], call: () => ({ content: [{ type: "text", text: "x".repeat(5000) }] }) });
    try {
      const connection = await McpConnection.open(httpServer("big", server.url), { stdio: { enabled: false }, allowHosts: LOOPBACK, maxOutputChars: 1000 });
      const result = await connection.callTool("big", {}, live());
      await connection.close();
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.output.startsWith("x".repeat(1000) + "\n")).toBe(true);
        expect(result.output).toContain("[Output cut: the first 1000 of 5000 characters are shown.]");
      }
    } finally {
      await server.stop();
    }
  });
});
