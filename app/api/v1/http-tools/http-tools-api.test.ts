import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listTools, POST as createTool } from "@/app/api/v1/http-tools/route";
import { DELETE as deleteTool, PATCH as patchTool } from "@/app/api/v1/http-tools/[id]/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { workspaceHttpTools, type HttpToolSummary } from "@/lib/workspaces/http-tools";

const TOKEN = "Bearer http-api-secret-quince-5521";
let ownerCookie = "";
let viewerCookie = "";
let workspaceId = "";
const asOwner = requestsAs(() => ownerCookie);
const asViewer = requestsAs(() => viewerCookie);
const none = { params: Promise.resolve({} as Record<string, never>) };
const byId = (id: string) => ({ params: Promise.resolve({ id }) });
const URL_BASE = "http://test/api/v1/http-tools";
const patch = (as: typeof asOwner, id: string, body: unknown) => patchTool(as(`${URL_BASE}/${id}`, { method: "PATCH", body: JSON.stringify(body) }), byId(id));
const post = (as: typeof asOwner, body: unknown) => createTool(as(URL_BASE, { method: "POST", body: JSON.stringify(body) }), none);
const valid = {
  name: "get_order",
  description: "Looks an order up",
  parameters: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] },
  method: "GET",
  urlTemplate: "http://127.0.0.1:9/orders/{orderId}",
  headers: { Authorization: TOKEN },
};

beforeAll(async () => {
  vi.stubEnv("TIERFLOW_OUTBOUND_ALLOW_HOSTS", "127.0.0.1");
  const owner = await signUpForTest({ name: "HTTP owner" });
  ownerCookie = owner.cookie;
  workspaceId = (await db.membership.findFirstOrThrow({ where: { userId: owner.userId } })).workspaceId;
  const viewer = await signUpForTest({ name: "HTTP viewer" });
  viewerCookie = viewer.cookie;
  await db.membership.create({ data: { workspaceId, userId: viewer.userId, role: "viewer" } });
}, 30_000);

afterAll(() => vi.unstubAllEnvs());

describe("HTTP tools API", () => {
  let tool: HttpToolSummary;

  it("saves a tool for an owner, returning header names but never their values, and stores them encrypted", async () => {
    const response = await post(asOwner, valid);
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain("quince");
    tool = JSON.parse(text);
    expect(tool).toMatchObject({ name: "get_order", method: "GET", headerNames: ["Authorization"], toolId: `http:${tool.id}` });
    expect(JSON.stringify(await db.httpTool.findUniqueOrThrow({ where: { id: tool.id } }))).not.toContain("quince");
  });

  it("checks the parameters schema, the placeholders and the name on save", async () => {
    const notObject = await post(asOwner, { ...valid, name: "t2", parameters: { type: "array" } });
    expect(notObject.status).toBe(422);
    const placeholder = await post(asOwner, { ...valid, name: "t3", parameters: { type: "object", properties: {} } });
    expect(placeholder.status).toBe(422);
    expect(await placeholder.text()).toContain("placeholder {orderId}");
    expect((await post(asOwner, valid)).status).toBe(409);
    expect((await post(asOwner, { ...valid, name: "calculator" })).status).toBe(422);
  });

  it("refuses a private address the operator has not allowed", async () => {
    vi.stubEnv("TIERFLOW_OUTBOUND_ALLOW_HOSTS", "");
    const response = await post(asOwner, { ...valid, name: "internal", urlTemplate: "http://10.1.2.3/orders/{orderId}" });
    vi.stubEnv("TIERFLOW_OUTBOUND_ALLOW_HOSTS", "127.0.0.1");
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("private network address");
  });

  it("lets an owner change a tool, keeping a header sent empty and checking the result as a whole", async () => {
    const changed = await patch(asOwner, tool.id, {
      description: "Finds an order by its id",
      urlTemplate: "http://127.0.0.1:9/v2/orders/{orderId}",
      headers: { Authorization: "", "X-Team": "ops" },
    });
    expect(changed.status).toBe(200);
    const text = await changed.text();
    expect(text).not.toContain("quince");
    expect(JSON.parse(text)).toMatchObject({ id: tool.id, name: "get_order", description: "Finds an order by its id", headerNames: ["Authorization", "X-Team"] });
    const [entry] = await workspaceHttpTools(workspaceId);
    expect(entry.spec).toMatchObject({ urlTemplate: "http://127.0.0.1:9/v2/orders/{orderId}", headers: { Authorization: TOKEN, "X-Team": "ops" } });

    const orphaned = await patch(asOwner, tool.id, { parameters: { type: "object", properties: {} } });
    expect(orphaned.status).toBe(422);
    expect(await orphaned.text()).toContain("placeholder {orderId}");
    expect((await patch(asOwner, tool.id, { name: "calculator" })).status).toBe(422);
    expect((await patch(asViewer, tool.id, { description: "Viewer was here" })).status).toBe(403);
    expect((await workspaceHttpTools(workspaceId))[0].spec.description).toBe("Finds an order by its id");
  });

  it("lets a viewer list the tools but not add or remove one", async () => {
    const list = await listTools(asViewer(URL_BASE), none);
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain("quince");
    expect((JSON.parse(text) as { tools: HttpToolSummary[] }).tools.map((t) => t.name)).toEqual(["get_order"]);
    expect((await post(asViewer, { ...valid, name: "viewer_tool" })).status).toBe(403);
    expect((await deleteTool(asViewer(`${URL_BASE}/${tool.id}`, { method: "DELETE" }), byId(tool.id))).status).toBe(403);
    expect((await deleteTool(asOwner(`${URL_BASE}/${tool.id}`, { method: "DELETE" }), byId(tool.id))).status).toBe(200);
    expect(await db.httpTool.count({ where: { id: tool.id } })).toBe(0);
  });
});
