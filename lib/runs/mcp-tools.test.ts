import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { AppError } from "@/lib/errors";
import { rawGraph, rawNode } from "@/lib/graph/testing";
import { createGraph, updateGraph } from "@/lib/graphs/service";
import { MCP_SERVER_BINS, startEverythingHttp, startTestMcpServer, type RunningHttpServer } from "@/lib/tools/mcp/testing";
import { createMcpServer, deleteMcpServer, type McpServerSummary } from "@/lib/workspaces/mcp-servers";
import { execFileSync } from "node:child_process";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { DEFAULT_CATALOG } from "@/lib/models/catalog";
import { estimateRunCost } from "@/lib/engine/estimate";
import { readRunEvents } from "./event-store";
import { workspaceToolDefinitions } from "./tool-definitions";
import { cancelRun, runFinished, startRun } from "./service";

let everything: RunningHttpServer;
let workspaceId = "";
let server: McpServerSummary;

const events = async <T extends RunEvent["type"]>(runId: string, type: T) =>
  (await readRunEvents(runId)).filter((event): event is Extract<RunEvent, { type: T }> => event.type === type);

/** Processes this test started that run the everything server over stdio. */
const stdioChildren = () =>
  execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(MCP_SERVER_BINS.everything) && line.includes("stdio"));

const executorGraph = (tools: string[], instructions = "Add the two numbers.") =>
  rawGraph([rawNode("executor", "work", { label: "Adder", tools, instructions })]);

beforeAll(async () => {
  vi.stubEnv("TIERFLOW_OUTBOUND_ALLOW_HOSTS", "127.0.0.1");
  vi.stubEnv("TIERFLOW_MCP_STDIO", process.execPath);
  await ensureDatabase();
  everything = await startEverythingHttp();
  workspaceId = (await db.workspace.create({ data: { slug: `mcp-runs-${Date.now()}`, name: "MCP runs" } })).id;
  server = await createMcpServer(workspaceId, { name: "Everything", transport: { type: "http", url: everything.url, headers: {} } });
  expect(server.status).toBe("connected");
}, 30_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await everything.stop();
});

describe("runs with a workspace's MCP tools", () => {
  it("lets an executor call a real MCP server's tool and records the call and its result", async () => {
    const graph = await createGraph(workspaceId, { name: "Adds", graph: executorGraph([`mcp:${server.id}:get-sum`]) });
    const run = await startRun(workspaceId, graph.id, { input: "What is the sum?", simulation: { speed: 0 } });
    await runFinished(run.id);

    const [call] = await events(run.id, "node.tool_call");
    expect(call).toMatchObject({ nodeId: "work", tool: "Everything__get-sum", source: { server: "Everything", name: "get-sum" } });
    const args = JSON.parse(call.arguments) as { a: number; b: number };
    const [result] = await events(run.id, "node.tool_result");
    expect(result).toMatchObject({ nodeId: "work", callId: call.callId, ok: true, output: `The sum of ${args.a} and ${args.b} is ${args.a + args.b}.` });
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("succeeded");
  });

  it("stores a tool id longer than 64 characters and gives the model a short unique function name mapped back to it", async () => {
    const longName = `lookup_${"customer_order_history_".repeat(5)}v2`;
    const mcp = await startTestMcpServer({
      pages: [[{ name: longName, description: "Looks an order up", inputSchema: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] } }]],
      call: (name, args) => ({ content: [{ type: "text", text: `${name.length} chars, order ${String(args.orderId)}` }] }),
    });
    try {
      const orders = await createMcpServer(workspaceId, { name: "Orders", transport: { type: "http", url: mcp.url, headers: {} } });
      const toolId = `mcp:${orders.id}:${longName}`;
      expect(toolId.length).toBeGreaterThan(64);
      const graph = await createGraph(workspaceId, { name: "Long tool", graph: executorGraph([toolId], "Look the order up.") });
      expect(graph.problems).toEqual([]);
      const run = await startRun(workspaceId, graph.id, { input: "Where is order 7?", simulation: { speed: 0 } });
      await runFinished(run.id);

      const [call] = await events(run.id, "node.tool_call");
      expect(call.tool.length).toBeLessThanOrEqual(64);
      expect(call.tool).toMatch(/^Orders__lookup_customer_order_history_[\w-]*_[0-9a-f]{8}$/);
      expect(call.source).toMatchObject({ server: "Orders", name: longName });
      const [result] = await events(run.id, "node.tool_result");
      expect(result).toMatchObject({ ok: true, output: expect.stringMatching(new RegExp(`^${longName.length} chars, order `)) });
    } finally {
      await mcp.stop();
    }
  });

  it("counts a tool's definition, with its parameter schema, in the pre-run estimate of every call", async () => {
    // A tool with a large schema: about 2,000 tokens sent with every call of the node.
    const properties = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`field_${i}`, { type: "string", description: `Filter number ${i} of the report query: narrows the rows to those whose column ${i} matches this value exactly.` }]),
    );
    const mcp = await startTestMcpServer({
      pages: [[{ name: "report", description: "Runs a report query", inputSchema: { type: "object", properties } }]],
      call: () => ({ content: [{ type: "text", text: "3 rows" }] }),
    });
    try {
      const reports = await createMcpServer(workspaceId, { name: "Reports", transport: { type: "http", url: mcp.url, headers: {} } });
      const graph = executorGraph([`mcp:${reports.id}:report`], "Run the report.");
      const stored = await createGraph(workspaceId, { name: "Reports", graph });
      const input = "How many rows match?";
      const run = await startRun(workspaceId, stored.id, { input, simulation: { speed: 0 } });
      await runFinished(run.id);
      const actual = (await events(run.id, "node.usage")).reduce((n, event) => n + event.usage.inputTokens, 0);

      const definitions = await workspaceToolDefinitions(workspaceId, [`mcp:${reports.id}:report`]);
      expect(definitions).toMatchObject([{ id: `mcp:${reports.id}:report`, name: "Reports__report", parameters: { properties: { field_0: { type: "string" } } } }]);
      const exact = (text: string) => countTokens(text, { disallowedSpecial: new Set() });
      const estimate = (tools: typeof definitions) => estimateRunCost(stored.graph, input, DEFAULT_CATALOG, { countTokens: exact, tools, simulated: true }).nodes[0].inputTokens;
      const counted = estimate(definitions);
      expect(Math.abs(counted.expected - actual) / actual).toBeLessThanOrEqual(0.1);
      // Without the definition the tool counts as a small default and the estimate falls far short.
      expect(estimate([]).expected).toBeLessThan(actual * 0.6);
    } finally {
      await mcp.stop();
    }
  });

  it("turns a call that outlives the server's time limit into a tool error, and the run goes on", async () => {
    const slow = await createMcpServer(workspaceId, {
      name: "Slow",
      timeoutMs: 1000,
      transport: { type: "stdio", command: process.execPath, args: [MCP_SERVER_BINS.everything, "stdio"], env: {} },
    });
    const toolId = `mcp:${slow.id}:trigger-long-running-operation`;
    expect(slow.tools.map((tool) => tool.id)).toContain(toolId);
    const graph = await createGraph(workspaceId, { name: "Waits", graph: executorGraph([toolId], "Start the long operation. [sim:tool=Slow__trigger-long-running-operation]") });
    const run = await startRun(workspaceId, graph.id, { input: "Go", simulation: { speed: 0 } });
    await runFinished(run.id);

    const [result] = await events(run.id, "node.tool_result");
    expect(result).toMatchObject({ ok: false, output: 'MCP tool "trigger-long-running-operation" on "Slow" did not answer within 1000 ms' });
    expect(await events(run.id, "node.completed")).toHaveLength(1);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("succeeded");
  }, 30_000);

  it("turns a remote server that dies mid-call into a tool error at once, and the run goes on", async () => {
    const doomed = await startEverythingHttp();
    const remote = await createMcpServer(workspaceId, { name: "Remote", transport: { type: "http", url: doomed.url, headers: {} } });
    const graph = await createGraph(workspaceId, {
      name: "Loses its server",
      graph: executorGraph([`mcp:${remote.id}:trigger-long-running-operation`], "Start the long operation. [sim:tool=Remote__trigger-long-running-operation]"),
    });
    const run = await startRun(workspaceId, graph.id, { input: "Go", simulation: { speed: 0 } });
    // The call asks for 15 s or more; the server is killed while it runs, well inside the 60 s call timeout.
    await expect.poll(async () => (await events(run.id, "node.tool_call")).length, { timeout: 10_000 }).toBe(1);
    // Three POSTs checked the server on save (initialize, initialized, tools/list); the run
    // connects lazily with three more: initialize, initialized, then the call itself.
    await expect.poll(() => doomed.posts(), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    const killedAt = Date.now();
    doomed.process.kill("SIGKILL");
    await runFinished(run.id);

    expect(Date.now() - killedAt).toBeLessThan(10_000);
    const [result] = await events(run.id, "node.tool_result");
    expect(result).toMatchObject({ ok: false, output: 'MCP tool "trigger-long-running-operation" on "Remote" failed: the connection to the server was lost' });
    expect(await events(run.id, "node.completed")).toHaveLength(1);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("succeeded");
  }, 30_000);

  it("ends the stdio server's process when the run is cancelled mid-call", async () => {
    const local = await createMcpServer(workspaceId, {
      name: "Local",
      transport: { type: "stdio", command: process.execPath, args: [MCP_SERVER_BINS.everything, "stdio"], env: {} },
    });
    expect(stdioChildren()).toEqual([]);
    // The simulator asks for a duration of 15 s or more: the call is still running when the run is cancelled.
    const graph = await createGraph(workspaceId, {
      name: "Cancelled",
      graph: executorGraph([`mcp:${local.id}:trigger-long-running-operation`], "Start the long operation. [sim:tool=Local__trigger-long-running-operation]"),
    });
    const run = await startRun(workspaceId, graph.id, { input: "Go", simulation: { speed: 0 } });
    await expect.poll(() => stdioChildren().length, { timeout: 10_000 }).toBe(1);
    await cancelRun(workspaceId, run.id);
    await runFinished(run.id);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("cancelled");
    await expect.poll(() => stdioChildren(), { timeout: 5000 }).toEqual([]);
  }, 30_000);

  it("makes a removed server's tool a problem on the node: listed on the saved graph, refused at run start", async () => {
    const doomed = await createMcpServer(workspaceId, { name: "Doomed", transport: { type: "http", url: everything.url, headers: {} } });
    const toolId = `mcp:${doomed.id}:echo`;
    const graph = await createGraph(workspaceId, { name: "Echoes", graph: executorGraph([toolId]) });
    await deleteMcpServer(workspaceId, doomed.id);

    const refused = await startRun(workspaceId, graph.id, { input: "Echo", simulation: { speed: 0 } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).details).toMatchObject({ errors: [{ code: "unknown_tool", nodeId: "work", path: ["nodes", 0, "tools", 0] }] });
    // Saving still works (a graph is stored with its problems), and the record names the problem on the node.
    const saved = await updateGraph(workspaceId, graph.id, { graph: executorGraph([toolId]) });
    expect(saved.problems).toMatchObject([{ code: "unknown_tool", nodeId: "work", path: ["nodes", 0, "tools", 0] }]);
  });
});
