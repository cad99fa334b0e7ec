import http from "node:http";
import { expect, test } from "@playwright/test";
import { MCP_E2E_PORT } from "./fixtures/mcp-server";
import { createGraph, EditorPage, type GraphJson } from "./pages/editor-page";
import { RunPage, startRun, waitForRunEnd } from "./pages/run-page";
import { ToolsSettingsPage } from "./pages/settings-pages";

test.describe.configure({ mode: "serial" });

// The one loopback port playwright.config.ts allow-lists for tool servers; the MCP spec's server is stopped by then.
const ORIGIN = `http://127.0.0.1:${MCP_E2E_PORT}`;
const SECRET = "Bearer e2e-http-secret-7781";
let server: http.Server;
const seenAuth: string[] = [];
const seenPaths: string[] = [];

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    seenAuth.push(req.headers.authorization ?? "");
    seenPaths.push(new URL(req.url ?? "/", ORIGIN).pathname);
    const id = decodeURIComponent(new URL(req.url ?? "/", ORIGIN).pathname.split("/").pop() ?? "");
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ order: id, status: "shipped" }));
  });
  await new Promise<void>((resolve) => server.listen(MCP_E2E_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const clerkGraph: GraphJson = {
  schemaVersion: 1,
  nodes: [{ id: "clerk", role: "executor", label: "Clerk", tier: "mini", tools: [], position: { x: 120, y: 120 }, instructions: "Look the order up with the tool." }],
  edges: [],
};

test("an owner adds an HTTP tool, gives it to an executor, and the transcript shows the call and its result", async ({ page, request }) => {
  const settings = new ToolsSettingsPage(page);
  await settings.goto();
  await settings.addHttpTool({
    name: "order_status",
    description: "The shipping status of an order",
    method: "GET",
    urlTemplate: `${ORIGIN}/orders/{orderId}`,
    parameters: '{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}',
    headers: `Authorization: ${SECRET}`,
  });
  const card = settings.httpTool("order_status");
  await expect(card).toContainText(`GET ${ORIGIN}/orders/{orderId}`);
  await expect(card).toContainText("Headers: Authorization (values hidden)");
  await expect(card).not.toContainText("e2e-http-secret");

  const graphId = await createGraph(request, "Checks an order", { graph: clerkGraph });
  const editor = new EditorPage(page);
  await editor.goto(graphId);
  await editor.select("executor", "Clerk");
  await editor.inspector.getByRole("group", { name: "HTTP tools" }).getByRole("checkbox", { name: /^order_status/ }).check();
  await editor.expectSaved();

  const runId = await startRun(request, graphId, "Where is my order?", 0);
  expect(await waitForRunEnd(request, runId)).toBe("succeeded");
  expect(seenAuth).toContain(SECRET);
  const run = new RunPage(page);
  await run.goto(runId);
  await run.openTab("Transcript");
  await run.selectNode("Clerk");
  const call = run.response.getByRole("listitem", { name: "Tool call: order_status" });
  await expect(call).toContainText("ok");
  await expect(call).toContainText(/"orderId":/);
  await expect(call).toContainText(/HTTP 200 OK/);
  await expect(call).toContainText(/"status":"shipped"/);
  await expect(page.getByText("e2e-http-secret")).toHaveCount(0);
});

test("an owner edits the HTTP tool: runs use the new URL and the kept secret header", async ({ page, request }) => {
  const settings = new ToolsSettingsPage(page);
  await settings.goto();
  const form = await settings.editHttpTool("order_status");
  await expect(form.getByLabel(/^Headers/)).toHaveValue("Authorization: ");
  await form.getByLabel("URL template").fill(`${ORIGIN}/v2/orders/{orderId}`);
  await form.getByLabel(/^Description/).fill("The shipping status of an order, from the v2 API");
  await form.getByRole("button", { name: "Save changes" }).click();
  const card = settings.httpTool("order_status");
  await expect(card).toContainText(`GET ${ORIGIN}/v2/orders/{orderId}`);
  await expect(card).toContainText("from the v2 API");
  await expect(card).toContainText("Headers: Authorization (values hidden)");

  const { tools } = await (await request.get("/api/v1/http-tools")).json();
  const graphId = await createGraph(request, "Checks an order on v2", { graph: { ...clerkGraph, nodes: [{ ...clerkGraph.nodes[0], tools: [tools[0].toolId] }] } });
  seenAuth.length = 0;
  seenPaths.length = 0;
  expect(await waitForRunEnd(request, await startRun(request, graphId, "Where is my order?", 0))).toBe("succeeded");
  expect(seenPaths.every((path) => path.startsWith("/v2/orders/"))).toBe(true);
  expect(seenPaths.length).toBeGreaterThan(0);
  expect(seenAuth).toEqual(seenPaths.map(() => SECRET));
});
