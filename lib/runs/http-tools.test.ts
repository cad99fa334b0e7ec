import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { rawGraph, rawNode } from "@/lib/graph/testing";
import { createGraph, getGraph } from "@/lib/graphs/service";
import { createHttpTool, deleteHttpTool } from "@/lib/workspaces/http-tools";
import { createModelClient } from "@/lib/models";
import { readRunEvents } from "./event-store";
import { runFinished, startRun } from "./service";

const SECRET = "Bearer http-tool-secret-persimmon-9137";
let server: http.Server;
let origin = "";
let workspaceId = "";

beforeAll(async () => {
  // Echoes the request, Authorization header included: a careless run would store the secret.
  server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ url: req.url, auth: req.headers.authorization }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubEnv("TIERFLOW_OUTBOUND_ALLOW_HOSTS", "127.0.0.1");
  await ensureDatabase();
  workspaceId = (await db.workspace.create({ data: { slug: `http-runs-${Date.now()}`, name: "HTTP runs" } })).id;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("runs with a workspace's HTTP tools", () => {
  it("calls the tool with the simulator's arguments, records call and result, and never stores the secret header", async () => {
    const tool = await createHttpTool(workspaceId, {
      name: "lookup_order",
      description: "Looks an order up by id",
      parameters: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] },
      method: "GET",
      urlTemplate: `${origin}/orders/{orderId}`,
      headers: { Authorization: SECRET },
      timeoutMs: 5000,
    });
    expect(JSON.stringify(tool)).not.toContain("persimmon");
    const graph = await createGraph(workspaceId, {
      name: "Looks up",
      graph: rawGraph([rawNode("executor", "work", { label: "Clerk", tools: [tool.toolId], instructions: "Look the order up. [sim:tool=lookup_order]" })]),
    });
    expect(graph.problems).toEqual([]);
    const run = await startRun(workspaceId, graph.id, { input: "Where is my order?", simulation: { speed: 0 } });
    await runFinished(run.id);

    const stored: RunEvent[] = await readRunEvents(run.id);
    const call = stored.find((event) => event.type === "node.tool_call");
    const result = stored.find((event) => event.type === "node.tool_result");
    expect(call).toMatchObject({ nodeId: "work", tool: "lookup_order" });
    const { orderId } = JSON.parse((call as Extract<RunEvent, { type: "node.tool_call" }>).arguments) as { orderId: string };
    expect(result).toMatchObject({ ok: true });
    const output = (result as Extract<RunEvent, { type: "node.tool_result" }>).output;
    expect(output).toContain(`"url":"/orders/${encodeURIComponent(orderId)}"`);
    // The server did receive the header, and echoed it; the stored events carry only the redaction.
    expect(output).toContain("[redacted]");
    const everything = JSON.stringify(await db.run.findUniqueOrThrow({ where: { id: run.id }, include: { nodes: true } })) + JSON.stringify(stored);
    expect(everything).not.toContain("persimmon");
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("succeeded");
  }, 30_000);

  it("makes a node that uses a removed HTTP tool a graph problem", async () => {
    const tool = await createHttpTool(workspaceId, {
      name: "gone_soon",
      description: "Removed below",
      parameters: { type: "object", properties: {} },
      method: "GET",
      urlTemplate: `${origin}/x`,
      headers: {},
      timeoutMs: 5000,
    });
    const graph = await createGraph(workspaceId, { name: "Uses it", graph: rawGraph([rawNode("executor", "work", { label: "W", tools: [tool.toolId] })]) });
    expect(graph.problems).toEqual([]);
    await deleteHttpTool(workspaceId, tool.id);
    const problems = (await getGraph(workspaceId, graph.id)).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: expect.arrayContaining(["tools"]) });
    await expect(startRun(workspaceId, graph.id, { input: "Go", simulation: { speed: 0 } })).rejects.toMatchObject({ code: "invalid_graph" });
  });

  it("never stores a secret header the model streams back split across two chunks", async () => {
    const secret = "Bearer split-secret-kumquat-4410";
    await createHttpTool(workspaceId, {
      name: "kept_secret",
      description: "Holds a secret header",
      parameters: { type: "object", properties: {} },
      method: "GET",
      urlTemplate: `${origin}/x`,
      headers: { Authorization: secret },
      timeoutMs: 5000,
    });
    // A provider whose answer repeats the secret, cut in two between stream chunks.
    const chunk = (body: object) => `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 0, model: "gpt-5.4-mini", ...body })}\n\n`;
    const content = (text: string) => chunk({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
    const sse = [
      content("Your header is Bearer split-secret-kum"),
      content("quat-4410, keep it safe."),
      chunk({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
      chunk({ choices: [], usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 } }),
      "data: [DONE]\n\n",
    ].join("");
    const modelClient = createModelClient({ apiKey: "sk-test-provider-key-0000", fetch: async () => new Response(sse, { headers: { "content-type": "text/event-stream" } }) });
    const graph = await createGraph(workspaceId, { name: "Repeats", graph: rawGraph([rawNode("executor", "work", { label: "Parrot", tools: [] })]) });
    const run = await startRun(workspaceId, graph.id, { input: "Say the header" }, modelClient);
    await runFinished(run.id);

    const stored = await readRunEvents(run.id);
    const streamed = stored.flatMap((event) => (event.type === "node.delta" ? [event.text] : [])).join("");
    expect(streamed).toBe("Your header is [redacted], keep it safe.");
    expect(stored.find((event) => event.type === "node.completed")).toMatchObject({ output: "Your header is [redacted], keep it safe." });
    expect(JSON.stringify(stored)).not.toMatch(/kumquat|split-secret|quat-4410/);
  });
});
