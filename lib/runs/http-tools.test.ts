import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { rawGraph, rawNode } from "@/lib/graph/testing";
import { createGraph, getGraph } from "@/lib/graphs/service";
import { createHttpTool, deleteHttpTool } from "@/lib/workspaces/http-tools";
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
});
