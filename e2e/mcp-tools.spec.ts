import { expect, test } from "@playwright/test";
import { MCP_E2E_URL, startEverythingServer } from "./fixtures/mcp-server";
import { createGraph, EditorPage, type GraphJson } from "./pages/editor-page";
import { RunPage, startRun, waitForRunEnd } from "./pages/run-page";
import { ToolsSettingsPage } from "./pages/settings-pages";

test.describe.configure({ mode: "serial" });

let server: Awaited<ReturnType<typeof startEverythingServer>>;

test.beforeAll(async () => {
  server = await startEverythingServer();
});

test.afterAll(async () => {
  await server.stop();
});

const adderGraph: GraphJson = {
  schemaVersion: 1,
  nodes: [{ id: "adder", role: "executor", label: "Adder", tier: "mini", tools: [], position: { x: 120, y: 120 }, instructions: "Add the numbers with the tool." }],
  edges: [],
};

test("an owner adds an MCP server, gives an executor its get-sum tool, and the run's transcript shows the call and its result", async ({ page, request }) => {
  const settings = new ToolsSettingsPage(page);
  await settings.goto();
  await settings.addHttpServer("Everything", MCP_E2E_URL, "Authorization: Bearer e2e-token-1234");
  const card = settings.server("Everything");
  await expect(card.getByText(/^Connected · \d+ tools/)).toBeVisible({ timeout: 20_000 });
  await expect(card.getByText("Headers (stored encrypted): Authorization")).toBeVisible();
  await expect(card).not.toContainText("e2e-token-1234");
  const sum = settings.tools("Everything").filter({ hasText: "get-sum" });
  await expect(sum).toContainText(/sum/i);
  await sum.getByText("Parameters of get-sum").click();
  await expect(sum.locator("pre")).toContainText('"a"');

  const graphId = await createGraph(request, "Adds with MCP", { graph: adderGraph });
  const editor = new EditorPage(page);
  await editor.goto(graphId);
  await editor.select("executor", "Adder");
  await editor.inspector.getByRole("group", { name: "Everything" }).getByRole("checkbox", { name: /^Get Sum Tool get-sum/ }).check();
  await editor.expectSaved();

  const runId = await startRun(request, graphId, "What is the sum?", 0);
  expect(await waitForRunEnd(request, runId)).toBe("succeeded");
  const run = new RunPage(page);
  await run.goto(runId);
  await run.openTab("Transcript");
  await run.selectNode("Adder");
  const call = run.response.getByRole("listitem", { name: "Tool call: Everything__get-sum" });
  await expect(call).toContainText("Server: Everything");
  await expect(call).toContainText("Tool: get-sum");
  await expect(call).toContainText("ok");
  await expect(call).toContainText(/"a":/);
  await expect(call).toContainText(/The sum of -?[\d.e+-]+ and -?[\d.e+-]+ is/);
});

test("when the MCP server dies while a tool call is in flight, the node shows a tool error and the run still ends", async ({ page, request }) => {
  const { servers } = await (await request.get("/api/v1/mcp-servers")).json();
  const everything = servers.find((s: { name: string }) => s.name === "Everything");
  const graph: GraphJson = {
    ...adderGraph,
    nodes: [
      {
        ...adderGraph.nodes[0],
        label: "Waiter",
        // The simulator asks for 15 s or more: the call is still running when the server is killed.
        instructions: "Start the long operation. [sim:tool=Everything__trigger-long-running-operation]",
        tools: [`mcp:${everything.id}:trigger-long-running-operation`],
      },
    ],
  };
  const graphId = await createGraph(request, "Waits while the server dies", { graph });
  const postsBefore = server.posts();
  const runId = await startRun(request, graphId, "Go", 0);

  const run = new RunPage(page);
  await run.goto(runId);
  await run.openTab("Transcript");
  await run.selectNode("Waiter");
  const call = run.response.getByRole("listitem", { name: "Tool call: Everything__trigger-long-running-operation" });
  await expect(call).toContainText("running…", { timeout: 15_000 });
  // The run connects lazily: initialize, initialized, then the call itself reaches the server.
  await expect.poll(() => server.posts() - postsBefore, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await server.stop();

  // Well before the server's 60 s call timeout: the broken connection itself ends the call.
  await expect(call).toContainText("the connection to the server was lost", { timeout: 10_000 });
  await expect(call).toContainText("error");
  await expect(run.status).toHaveText("Succeeded");
  expect(await waitForRunEnd(request, runId)).toBe("succeeded");
});

test("an owner edits a server: the stored header is kept unseen, and the server is checked again", async ({ page }) => {
  // The previous test killed the server; it is back for the check that follows the save.
  server = await startEverythingServer();
  const settings = new ToolsSettingsPage(page);
  await settings.goto();
  const form = await settings.editServer("Everything");
  await expect(form.getByLabel("URL")).toHaveValue(MCP_E2E_URL);
  await expect(form.getByLabel(/^Headers/)).toHaveValue("Authorization: ");
  await form.getByLabel("Name").fill("Everything (edited)");
  await form.getByLabel("Time limit per call (seconds)").fill("30");
  await form.getByRole("button", { name: "Save changes" }).click();

  const card = settings.server("Everything (edited)");
  await expect(card.getByText(/^Connected · \d+ tools/)).toBeVisible({ timeout: 20_000 });
  await expect(card.getByText("Headers (stored encrypted): Authorization")).toBeVisible();
  await expect(page.getByRole("form", { name: "Edit Everything" })).toHaveCount(0);
  await page.reload();
  await expect(settings.server("Everything (edited)")).toBeVisible();
  await expect(page.getByText("e2e-token-1234")).toHaveCount(0);
});
