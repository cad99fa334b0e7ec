import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listServers, POST as createServer } from "@/app/api/v1/mcp-servers/route";
import { DELETE as deleteServer, PATCH as patchServer } from "@/app/api/v1/mcp-servers/[id]/route";
import { POST as refreshServer } from "@/app/api/v1/mcp-servers/[id]/refresh/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { MCP_SERVER_BINS, startEverythingHttp, type RunningHttpServer } from "@/lib/tools/mcp/testing";
import type { McpServerSummary } from "@/lib/workspaces/mcp-servers";
import { workspaceMcpServers } from "@/lib/workspaces/mcp-servers";

const TOKEN = "Bearer mcp-token-kumquat-4242";
let ownerCookie = "";
let viewerCookie = "";
let workspaceId = "";
let everything: RunningHttpServer;
const asOwner = requestsAs(() => ownerCookie);
const asViewer = requestsAs(() => viewerCookie);
const none = { params: Promise.resolve({} as Record<string, never>) };
const byId = (id: string) => ({ params: Promise.resolve({ id }) });
const URL_BASE = "http://test/api/v1/mcp-servers";
const post = (as: typeof asOwner, body: unknown) => createServer(as(URL_BASE, { method: "POST", body: JSON.stringify(body) }), none);

beforeAll(async () => {
  vi.stubEnv("TIERFLOW_OUTBOUND_ALLOW_HOSTS", "127.0.0.1");
  vi.stubEnv("TIERFLOW_MCP_STDIO", "");
  everything = await startEverythingHttp();
  const owner = await signUpForTest({ name: "MCP owner" });
  ownerCookie = owner.cookie;
  workspaceId = (await db.membership.findFirstOrThrow({ where: { userId: owner.userId } })).workspaceId;
  const viewer = await signUpForTest({ name: "MCP viewer" });
  viewerCookie = viewer.cookie;
  await db.membership.create({ data: { workspaceId, userId: viewer.userId, role: "viewer" } });
}, 30_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await everything.stop();
});

describe("MCP servers API", () => {
  let server: McpServerSummary;

  it("connects on save, stores the tool list, and never returns or stores the header value in clear", async () => {
    const response = await post(asOwner, { name: "Everything", transport: { type: "http", url: everything.url, headers: { Authorization: TOKEN } } });
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain("kumquat");
    server = JSON.parse(text);
    expect(server).toMatchObject({ name: "Everything", transport: "http", status: "connected", statusError: null, secretNames: ["Authorization"] });
    const sum = server.tools.find((tool) => tool.name === "get-sum");
    expect(sum).toMatchObject({ id: `mcp:${server.id}:get-sum`, inputSchema: { properties: { a: { type: "number" } } } });
    expect(sum!.description).not.toBe("");

    const row = await db.mcpServer.findUniqueOrThrow({ where: { id: server.id } });
    expect(JSON.stringify(row)).not.toContain("kumquat");
    const { servers } = await workspaceMcpServers(workspaceId);
    expect(servers[0].config.transport).toMatchObject({ type: "http", headers: { Authorization: TOKEN } });
  });

  it("lets a viewer see the servers and their tools but not change them", async () => {
    const listed = await listServers(asViewer(URL_BASE), none);
    expect(listed.status).toBe(200);
    const body = await listed.text();
    expect(body).not.toContain("kumquat");
    expect(JSON.parse(body).servers.map((s: McpServerSummary) => s.name)).toEqual(["Everything"]);
    expect((await post(asViewer, { name: "Mine", transport: { type: "http", url: everything.url } })).status).toBe(403);
    expect((await refreshServer(asViewer(`${URL_BASE}/${server.id}/refresh`, { method: "POST" }), byId(server.id))).status).toBe(403);
    const renamed = await patchServer(asViewer(`${URL_BASE}/${server.id}`, { method: "PATCH", body: JSON.stringify({ name: "Viewer's" }) }), byId(server.id));
    expect(renamed.status).toBe(403);
  });

  it("keeps a header sent empty on update, and records the cause when the server goes away", async () => {
    const patched = await patchServer(
      asOwner(`${URL_BASE}/${server.id}`, { method: "PATCH", body: JSON.stringify({ name: "Everything server", transport: { type: "http", url: everything.url, headers: { Authorization: "" } } }) }),
      byId(server.id),
    );
    expect(await patched.json()).toMatchObject({ name: "Everything server", status: "connected" });
    expect((await workspaceMcpServers(workspaceId)).servers[0].config.transport).toMatchObject({ headers: { Authorization: TOKEN } });

    await everything.stop();
    const refreshed: McpServerSummary = await (await refreshServer(asOwner(`${URL_BASE}/${server.id}/refresh`, { method: "POST" }), byId(server.id))).json();
    expect(refreshed.status).toBe("error");
    expect(refreshed.statusError).toMatch(/Could not connect to MCP server "Everything server".*ECONNREFUSED/);
    // The last listed tools stay, so graphs using them keep validating through an outage.
    expect(refreshed.tools.map((tool) => tool.name)).toContain("get-sum");
    everything = await startEverythingHttp();
  });

  it("refuses an address the outbound guard blocks, and stdio unless the operator turned it on", async () => {
    const blocked = await post(asOwner, { name: "Internal", transport: { type: "http", url: "http://10.1.2.3/mcp" } });
    expect(blocked.status).toBe(422);
    expect((await blocked.json()).error.message).toMatch(/10\.1\.2\.3 is a private network address.*TIERFLOW_OUTBOUND_ALLOW_HOSTS/);

    const stdio = { name: "Local", transport: { type: "stdio", command: process.execPath, args: [MCP_SERVER_BINS.everything, "stdio"], env: { SECRET_ENV: "plum" } } };
    const refused = await post(asOwner, stdio);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.message).toMatch(/stdio MCP servers are turned off.*TIERFLOW_MCP_STDIO/);

    vi.stubEnv("TIERFLOW_MCP_STDIO", process.execPath);
    const created = await post(asOwner, stdio);
    expect(created.status).toBe(201);
    const local: McpServerSummary = await created.json();
    expect(local).toMatchObject({ transport: "stdio", command: process.execPath, status: "connected", secretNames: ["SECRET_ENV"] });
    expect(local.tools.map((tool) => tool.name)).toContain("echo");
    vi.stubEnv("TIERFLOW_MCP_STDIO", "");
  });

  it("refuses a duplicate name and deletes a server", async () => {
    expect((await post(asOwner, { name: "Local", transport: { type: "http", url: everything.url } })).status).toBe(409);
    const local = (await (await listServers(asOwner(URL_BASE), none)).json()).servers.find((s: McpServerSummary) => s.name === "Local");
    expect((await deleteServer(asOwner(`${URL_BASE}/${local.id}`, { method: "DELETE" }), byId(local.id))).status).toBe(200);
    const names = (await (await listServers(asOwner(URL_BASE), none)).json()).servers.map((s: McpServerSummary) => s.name);
    expect(names).toEqual(["Everything server"]);
  });
});
