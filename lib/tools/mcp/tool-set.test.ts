import { describe, expect, it } from "vitest";
import { startTestMcpServer, httpServer, MCP_SERVER_BINS, NODE_STDIO, stdioServer } from "./testing";
import { McpToolSet } from "./tool-set";

const live = () => new AbortController().signal;
const sumTool = { name: "get-sum", description: "Adds", inputSchema: { $schema: "x", type: "object", properties: { a: { type: "number" }, b: { type: "number" } } } };

describe("McpToolSet", () => {
  it("offers each tool under a unique function name and maps the model's call back to its server", async () => {
    const server = await startTestMcpServer({
      pages: [[{ name: "get-sum", inputSchema: { type: "object" } }]],
      call: (name, args) => ({ content: [{ type: "text", text: `${name}=${Number(args.a) + Number(args.b)}` }] }),
    });
    const set = new McpToolSet(
      [
        { config: httpServer("s1", server.url), tools: [sumTool] },
        { config: { ...httpServer("s2", "http://127.0.0.1:1/mcp"), name: "s1" }, tools: [sumTool] },
      ],
      { stdio: { enabled: false }, allowHosts: ["127.0.0.1"] },
      ["calculator"],
    );
    try {
      const [first, second] = set.entries();
      expect(first.id).toBe("mcp:s1:get-sum");
      expect(first.functionName).toBe("s1__get-sum");
      expect(second.functionName).not.toBe(first.functionName);
      expect(set.definition(first.id)).toEqual({
        type: "function",
        function: { name: "s1__get-sum", description: 'Adds (MCP server "s1")', parameters: { type: "object", properties: sumTool.inputSchema.properties } },
      });

      // Three concurrent calls share one connection (one handshake).
      const results = await Promise.all([1, 2, 3].map((a) => set.run("s1__get-sum", JSON.stringify({ a, b: 10 }), live())));
      expect(results).toEqual([11, 12, 13].map((n) => ({ ok: true, output: `get-sum=${n}` })));
      expect(server.stats.initializations).toBe(1);

      expect(await set.run("s1__get-sum", "[1]", live())).toEqual({ ok: false, error: 'Invalid arguments for tool "s1__get-sum": Arguments must be a JSON object.' });
      const unreachable = await set.run(second.functionName, "{}", live());
      expect(unreachable.ok).toBe(false);
      if (!unreachable.ok) expect(unreachable.error).toMatch(/Could not connect to MCP server "s1"/);
    } finally {
      await set.close();
      await server.stop();
    }
  });

  it("reconnects after the server process dies, and ends the process when the run closes", async () => {
    const config = stdioServer("ev", [MCP_SERVER_BINS.everything, "stdio"]);
    const set = new McpToolSet([{ config, tools: [{ name: "echo", description: "Echo", inputSchema: { type: "object" } }] }], { stdio: NODE_STDIO });
    expect(await set.run("ev__echo", '{"message":"one"}', live())).toEqual({ ok: true, output: "Echo: one" });
    const firstPid = await pidOf(set);
    process.kill(firstPid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await set.run("ev__echo", '{"message":"two"}', live())).toEqual({ ok: true, output: "Echo: two" });
    const secondPid = await pidOf(set);
    expect(secondPid).not.toBe(firstPid);
    await set.close();
    expect(() => process.kill(secondPid, 0)).toThrow();
    expect(await set.run("ev__echo", '{"message":"three"}', live())).toMatchObject({ ok: false });
  });
});

async function pidOf(set: McpToolSet): Promise<number> {
  const connections = (set as unknown as { connections: Map<string, Promise<{ pid: number | null }>> }).connections;
  const connection = await [...connections.values()][0];
  return connection.pid!;
}
