/**
 * Workspace isolation, enumerated: every route file under app/ and every method it exports
 * must have an entry in ROUTES (the test fails until it does), and every workspace route is
 * called with no credentials, a revoked API key, another workspace's ids and a viewer's
 * session. Writes carry a valid body, so an id is looked up only after validation passed: a
 * foreign id must then answer exactly like one that does not exist. Share routes, whose token
 * is the credential, answer a revoked token, another workspace's or a run id like an unknown one.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken, newToken } from "@/lib/auth/secrets";
import { signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { uploadDocuments } from "@/lib/documents";
import { createShareLink, runFinished, startRun } from "@/lib/runs";
import { routeFiles } from "@/lib/api/testing";

const APP_DIR = path.join(process.cwd(), "app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Ids {
  workspace: string;
  graph: string;
  run: string;
  membership: string;
  invitation: string;
  apiKey: string;
  shareLink: string;
  shareToken: string;
  mcpServer: string;
  httpTool: string;
  collection: string;
  document: string;
  provider: string;
  dataset: string;
  datasetCase: string;
  experiment: string;
  /** A node of the run's graph (approval decisions name one). */
  node: string;
}

/**
 * How each route is guarded:
 * - `workspace`: `withWorkspace`, session or API key plus a role; `viewerWrites` for the writes a
 *   viewer may make (they change nothing of the workspace's graphs, runs or settings).
 * - `session`: a signed-in account, before it belongs to a workspace.
 * - `share`: the share token is the only credential.
 * - `public`: nothing of a workspace behind it.
 * - `auth`: better-auth's own endpoints (sign-up, sign-in, session), tested through lib/auth.
 */
type Entry =
  | { guard: "workspace"; body?: (ids: Ids) => unknown; viewerWrites?: true }
  | { guard: "session"; body?: (ids: Ids) => unknown }
  | { guard: "share" | "public" | "auth" };

const template = TEMPLATES.find((t) => t.id === "codebase-docs")!;

const ROUTES: Record<string, Entry> = {
  "GET /api/auth/[...all]": { guard: "auth" },
  "POST /api/auth/[...all]": { guard: "auth" },
  "GET /api/v1/health": { guard: "public" },
  "GET /api/share/[token]": { guard: "share" },
  "GET /api/share/[token]/events": { guard: "share" },
  "POST /api/sim/v1/chat/completions": { guard: "workspace", viewerWrites: true, body: () => ({ model: "gpt-5.4-nano", messages: [{ role: "user", content: "Say hello" }] }) },
  "PATCH /api/v1/account": { guard: "session", body: () => ({ name: "A new name" }) },
  "POST /api/v1/account/password": { guard: "session", body: () => ({ currentPassword: "correct horse battery", newPassword: "another horse battery" }) },
  "GET /api/v1/api-keys": { guard: "workspace" },
  "POST /api/v1/api-keys": { guard: "workspace", body: () => ({ name: "A key" }) },
  "DELETE /api/v1/api-keys/[id]": { guard: "workspace" },
  "GET /api/v1/graphs": { guard: "workspace" },
  "POST /api/v1/graphs": { guard: "workspace", body: () => ({ name: "A graph", graph: template.graph }) },
  "GET /api/v1/graphs/[id]": { guard: "workspace" },
  "PUT /api/v1/graphs/[id]": { guard: "workspace", body: () => ({ name: "Renamed", graph: template.graph }) },
  "DELETE /api/v1/graphs/[id]": { guard: "workspace" },
  "POST /api/v1/graphs/[id]/estimate": { guard: "workspace", viewerWrites: true, body: () => ({ input: "Price this task" }) },
  "GET /api/v1/graphs/[id]/runs": { guard: "workspace" },
  "POST /api/v1/graphs/[id]/runs": { guard: "workspace", body: (ids) => ({ input: "Run this task", documents: [ids.collection], simulation: { speed: 0 } }) },
  "GET /api/v1/invitations": { guard: "workspace" },
  "POST /api/v1/invitations": { guard: "workspace", body: () => ({ role: "viewer" }) },
  "DELETE /api/v1/invitations/[id]": { guard: "workspace" },
  "POST /api/v1/invitations/accept": { guard: "session", body: () => ({ token: "tf_inv_unknown" }) },
  "GET /api/v1/mcp-servers": { guard: "workspace" },
  "POST /api/v1/mcp-servers": { guard: "workspace", body: () => ({ name: "Another server", transport: { type: "stdio", command: "node" } }) },
  "PATCH /api/v1/mcp-servers/[id]": { guard: "workspace", body: () => ({ name: "Renamed server" }) },
  "DELETE /api/v1/mcp-servers/[id]": { guard: "workspace" },
  "POST /api/v1/mcp-servers/[id]/refresh": { guard: "workspace" },
  "GET /api/v1/http-tools": { guard: "workspace" },
  "POST /api/v1/http-tools": {
    guard: "workspace",
    body: () => ({ name: "another_tool", description: "Another", parameters: { type: "object", properties: {} }, method: "GET", urlTemplate: "https://93.184.215.14/x" }),
  },
  "PATCH /api/v1/http-tools/[id]": { guard: "workspace", body: () => ({ description: "Changed" }) },
  "DELETE /api/v1/http-tools/[id]": { guard: "workspace" },
  "GET /api/v1/documents/collections": { guard: "workspace" },
  "POST /api/v1/documents/collections": { guard: "workspace", body: () => ({ name: "Another collection" }) },
  "DELETE /api/v1/documents/collections/[id]": { guard: "workspace" },
  "GET /api/v1/documents/collections/[id]/files": { guard: "workspace" },
  "POST /api/v1/documents/collections/[id]/files": { guard: "workspace" },
  "DELETE /api/v1/documents/collections/[id]/files/[fileId]": { guard: "workspace" },
  "GET /api/v1/documents/collections/[id]/search": { guard: "workspace" },
  "GET /api/v1/datasets": { guard: "workspace" },
  "POST /api/v1/datasets": { guard: "workspace", body: () => ({ name: "Another dataset" }) },
  "GET /api/v1/datasets/[id]": { guard: "workspace" },
  "PATCH /api/v1/datasets/[id]": { guard: "workspace", body: () => ({ name: "Renamed dataset" }) },
  "DELETE /api/v1/datasets/[id]": { guard: "workspace" },
  "POST /api/v1/datasets/[id]/import": { guard: "workspace", body: () => ({ format: "csv", text: "input\nA new case\n" }) },
  "GET /api/v1/datasets/[id]/export": { guard: "workspace" },
  "POST /api/v1/datasets/[id]/cases": { guard: "workspace", body: () => ({ input: "Another case" }) },
  "PUT /api/v1/datasets/[id]/cases/[caseId]": { guard: "workspace", body: () => ({ input: "Edited case" }) },
  "DELETE /api/v1/datasets/[id]/cases/[caseId]": { guard: "workspace" },
  "GET /api/v1/experiments": { guard: "workspace" },
  "POST /api/v1/experiments": { guard: "workspace", body: (ids) => ({ graphId: ids.graph, datasetId: ids.dataset, variants: [{ name: "As designed" }], simulation: { speed: 0 } }) },
  "POST /api/v1/experiments/advisor": { guard: "workspace", body: (ids) => ({ graphId: ids.graph, datasetId: ids.dataset, budgetUsd: 0.000001, simulation: { speed: 0 } }) },
  "GET /api/v1/experiments/[id]": { guard: "workspace" },
  "GET /api/v1/members": { guard: "workspace" },
  "PATCH /api/v1/members/[id]": { guard: "workspace", body: () => ({ role: "editor" }) },
  "DELETE /api/v1/members/[id]": { guard: "workspace" },
  "GET /api/v1/models": { guard: "workspace" },
  "GET /api/v1/provider": { guard: "workspace" },
  "PUT /api/v1/provider": { guard: "workspace", body: () => ({ catalog: null }) },
  "POST /api/v1/providers": { guard: "workspace", body: () => ({ name: "Another provider", kind: "openai" }) },
  "PATCH /api/v1/providers/[id]": { guard: "workspace", body: () => ({ name: "Renamed provider" }) },
  "DELETE /api/v1/providers/[id]": { guard: "workspace" },
  "POST /api/v1/providers/[id]/test": { guard: "workspace" },
  "GET /api/v1/openapi.json": { guard: "workspace" },
  "GET /api/v1/runs": { guard: "workspace" },
  "GET /api/v1/runs/[id]": { guard: "workspace" },
  "GET /api/v1/runs/[id]/trace": { guard: "workspace" },
  "POST /api/v1/runs/[id]/cancel": { guard: "workspace" },
  "POST /api/v1/runs/[id]/resume": { guard: "workspace" },
  "POST /api/v1/runs/[id]/approvals/[nodeId]": { guard: "workspace", body: () => ({ decision: "approve" }) },
  "GET /api/v1/runs/[id]/events": { guard: "workspace" },
  "GET /api/v1/runs/[id]/shares": { guard: "workspace" },
  "POST /api/v1/runs/[id]/shares": { guard: "workspace", body: () => ({ hidePrompts: true }) },
  "GET /api/v1/shares": { guard: "workspace" },
  "DELETE /api/v1/shares/[id]": { guard: "workspace" },
  "GET /api/v1/templates": { guard: "workspace" },
  "GET /api/v1/tools": { guard: "workspace" },
  "GET /api/v1/workspaces": { guard: "session" },
  "POST /api/v1/workspaces": { guard: "session", body: () => ({ name: "Another workspace" }) },
  "GET /api/v1/workspaces/current": { guard: "workspace" },
  "PATCH /api/v1/workspaces/current": { guard: "workspace", body: () => ({ name: "Renamed workspace" }) },
  "DELETE /api/v1/workspaces/current": { guard: "workspace", body: () => ({ confirmName: "My workspace" }) },
  "GET /api/v1/workspaces/current/switch": { guard: "session" },
  "POST /api/v1/workspaces/current/switch": { guard: "workspace", viewerWrites: true, body: (ids) => ({ workspaceId: ids.workspace }) },
};

/** Which resource a dynamic segment names, by the segment before it. */
const RESOURCE_OF: Record<string, keyof Ids> = {
  graphs: "graph",
  runs: "run",
  members: "membership",
  invitations: "invitation",
  "api-keys": "apiKey",
  shares: "shareLink",
  share: "shareToken",
  "mcp-servers": "mcpServer",
  "http-tools": "httpTool",
  collections: "collection",
  files: "document",
  providers: "provider",
  datasets: "dataset",
  cases: "datasetCase",
  experiments: "experiment",
  approvals: "node",
};

interface Call {
  key: string;
  pattern: string;
  method: Method;
  handler: Handler;
  entry: Entry | undefined;
}

async function loadCalls(): Promise<Call[]> {
  const modules = await Promise.all(
    routeFiles(APP_DIR).map(async (file) => ({
      pattern: "/" + path.relative(APP_DIR, path.dirname(file)).split(path.sep).join("/"),
      module: (await import(file)) as Partial<Record<Method, Handler>>,
    })),
  );
  return modules.flatMap(({ pattern, module }) =>
    METHODS.filter((method) => typeof module[method] === "function").map((method) => {
      const key = `${method} ${pattern}`;
      return { key, pattern, method, handler: module[method]!, entry: ROUTES[key] };
    }),
  );
}

function paramsFor(pattern: string, ids: Ids): Record<string, string> {
  const segments = pattern.split("/");
  const params: Record<string, string> = {};
  segments.forEach((segment, i) => {
    const name = /^\[(\w+)\]$/.exec(segment)?.[1];
    if (!name) return;
    const resource = RESOURCE_OF[segments[i - 1]];
    if (!resource) throw new Error(`isolation.test.ts: tell RESOURCE_OF which resource "${segments[i - 1]}/[${name}]" names (${pattern}).`);
    params[name] = ids[resource];
  });
  return params;
}

async function call(route: Call, ids: Ids, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const params = paramsFor(route.pattern, ids);
  const url = "http://tierflow.test" + route.pattern.replace(/\[(\w+)\]/g, (_, name: string) => params[name]);
  const init: RequestInit = { method: route.method, headers: { "content-type": "application/json", ...headers } };
  if (route.method !== "GET") init.body = JSON.stringify(route.entry && "body" in route.entry && route.entry.body ? route.entry.body(ids) : {});
  const response = await route.handler(new Request(url, init), { params: Promise.resolve(params) });
  // Streams (SSE) are never read to the end: a refused call has a short JSON body.
  const body = response.headers.get("content-type")?.includes("text/event-stream") ? "" : await response.text();
  return { status: response.status, body };
}

let calls: Call[];
const guarded = (...guards: Entry["guard"][]) => calls.filter((c) => c.entry && guards.includes(c.entry.guard));
const mine = {} as Ids;
const theirs = {} as Ids;
let ownerCookie = "";
let viewerCookie = "";
let revokedKey = "";
const SECRET_MARK = "their-confidential-marker";
const NOWHERE = Object.fromEntries(["workspace", "graph", "run", "membership", "invitation", "apiKey", "shareLink", "shareToken", "mcpServer", "httpTool", "collection", "document", "provider", "dataset", "datasetCase", "experiment"].map((k) => [k, "does-not-exist"])) as unknown as Ids;
/** Share tokens that must all answer like NOWHERE's: revoked ones, and a run id used as a token. */
const deadTokens: Record<string, string> = {};

async function seedWorkspace(workspaceId: string, userId: string, mark: string, into: Ids) {
  const graph = await db.graph.create({ data: { workspaceId, name: `Graph ${mark}`, document: template.graph as object } });
  const run = await startRun(workspaceId, graph.id, { input: `Task ${mark}`, simulation: { speed: 0 } });
  await runFinished(run.id);
  const membership = await db.membership.findFirstOrThrow({ where: { workspaceId, userId } });
  const invitation = await db.invitation.create({ data: { workspaceId, role: "viewer", tokenHash: hashToken(newToken("tf_inv")), expiresAt: new Date(Date.now() + 86_400_000), createdById: userId } });
  const apiKey = await db.apiKey.create({ data: { workspaceId, name: `Key ${mark}`, prefix: "tf_key_x", keyHash: hashToken(newToken("tf_key")) } });
  const link = await createShareLink(workspaceId, run.id, { hidePrompts: false, createdById: userId });
  // Stored directly: creating one through the service would connect to it.
  const mcpServer = await db.mcpServer.create({
    data: { workspaceId, name: `Server ${mark}`, transport: "stdio", command: "node", args: [], timeoutMs: 1000, status: "error", statusError: `Not started ${mark}`, tools: [], checkedAt: new Date() },
  });
  const httpTool = await db.httpTool.create({
    data: { workspaceId, name: `tool_${mark}`.replace(/[^a-zA-Z0-9_-]/g, "_"), description: `Tool ${mark}`, parameters: { type: "object" }, method: "GET", urlTemplate: "https://example.com/", timeoutMs: 1000 },
  });
  const collection = await db.documentCollection.create({ data: { workspaceId, name: `Collection ${mark}` } });
  await uploadDocuments(workspaceId, collection.id, [{ path: `notes-${mark}.md`, bytes: Buffer.from(`# Notes ${mark}\n\nSearch term applesauce, ${mark}.\n`) }]);
  const document = await db.document.findFirstOrThrow({ where: { collectionId: collection.id } });
  // Stored directly too: saving one through the service would test its connection.
  const provider = await db.modelProvider.create({ data: { workspaceId, name: `Provider ${mark}`, kind: "vllm", baseUrl: "https://vllm.example.com/v1" } });
  const dataset = await db.dataset.create({ data: { workspaceId, name: `Dataset ${mark}`, grader: { kind: "contains", caseSensitive: false }, cases: { create: [{ position: 0, input: `Case ${mark}`, expected: "x" }] } }, include: { cases: true } });
  const experiment = await db.experiment.create({ data: { workspaceId, graphId: graph.id, datasetId: dataset.id, name: `Experiment ${mark}`, status: "succeeded", variants: [], grader: { kind: "contains", caseSensitive: false }, concurrency: 1, simulated: true } });
  Object.assign(into, {
    dataset: dataset.id,
    datasetCase: dataset.cases[0].id,
    experiment: experiment.id,
    node: template.graph.nodes[0].id,
    workspace: workspaceId,
    collection: collection.id,
    document: document.id,
    graph: graph.id,
    run: run.id,
    membership: membership.id,
    invitation: invitation.id,
    apiKey: apiKey.id,
    shareLink: link.id,
    shareToken: link.token,
    mcpServer: mcpServer.id,
    httpTool: httpTool.id,
    provider: provider.id,
  });
}

beforeAll(async () => {
  calls = await loadCalls();
  const owner = await signUpForTest({ name: "Owner of mine" });
  ownerCookie = owner.cookie;
  const local = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  await seedWorkspace(local.id, owner.userId, "mine", mine);

  const viewer = await signUpForTest({ name: "Viewer of mine" });
  await db.membership.create({ data: { workspaceId: local.id, userId: viewer.userId, role: "viewer" } });
  viewerCookie = viewer.cookie;
  revokedKey = newToken("tf_key");
  await db.apiKey.create({ data: { workspaceId: local.id, name: "Revoked", prefix: revokedKey.slice(0, 12), keyHash: hashToken(revokedKey), revokedAt: new Date() } });

  const stranger = await signUpForTest({ name: "Owner of theirs" });
  const other = await db.workspace.create({ data: { slug: "theirs", name: `Workspace ${SECRET_MARK}`, members: { create: { userId: stranger.userId, role: "owner" } } } });
  await seedWorkspace(other.id, stranger.userId, SECRET_MARK, theirs);
  for (const [name, ids] of [["mine", mine], ["theirs", theirs]] as const) {
    const revoked = await createShareLink(ids.workspace, ids.run, { hidePrompts: false, createdById: null });
    await db.shareLink.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    deadTokens[`a revoked link of ${name}`] = revoked.token;
  }
  deadTokens["their run id"] = theirs.run;
}, 60_000);

describe("every route", () => {
  it("has an entry saying how it is guarded, and every entry is a route", () => {
    const unlisted = calls.filter((c) => !c.entry).map((c) => c.key);
    expect(unlisted, "add these to ROUTES in isolation.test.ts").toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !calls.some((c) => c.key === key))).toEqual([]);
    expect(guarded("workspace").length).toBeGreaterThan(30);
  });

  it("answers 401 to a caller with no credentials", async () => {
    for (const route of guarded("workspace", "session")) expect((await call(route, mine, {})).status, route.key).toBe(401);
  });

  it("answers 401 to a revoked API key, and leaks nothing", async () => {
    for (const route of guarded("workspace", "session")) {
      const { status, body } = await call(route, mine, { authorization: `Bearer ${revokedKey}` });
      expect(status, route.key).toBe(401);
      expect(body, route.key).not.toContain(SECRET_MARK);
    }
  });

  it("answers another workspace's ids exactly like ids that do not exist, after the body passed validation", async () => {
    const withIds = guarded("workspace").filter((route) => route.pattern.includes("["));
    expect(withIds.map((r) => r.key)).toEqual(expect.arrayContaining(["PUT /api/v1/graphs/[id]", "POST /api/v1/graphs/[id]/runs", "POST /api/v1/graphs/[id]/estimate", "PATCH /api/v1/members/[id]"]));
    for (const route of withIds) {
      const { status, body } = await call(route, theirs, { cookie: ownerCookie });
      const missing = await call(route, NOWHERE, { cookie: ownerCookie });
      // 404, not 400 or 422: the request got as far as looking the id up.
      expect(missing.status, route.key).toBe(404);
      expect(status, route.key).toBe(missing.status);
      expect(body.replaceAll(/"[^"]*"/g, (s) => (Object.values(theirs).some((id) => s.includes(id)) ? '"id"' : s)), route.key).toBe(
        missing.body.replaceAll(/"[^"]*"/g, (s) => (s.includes("does-not-exist") ? '"id"' : s)),
      );
      expect(body, route.key).not.toContain(SECRET_MARK);
    }
    // Nothing of theirs was touched on the way.
    expect(await db.graph.findUniqueOrThrow({ where: { id: theirs.graph } })).toMatchObject({ name: `Graph ${SECRET_MARK}` });
    expect(await db.run.count({ where: { graphId: theirs.graph } })).toBe(1);
    expect(await db.membership.findUniqueOrThrow({ where: { id: theirs.membership } })).toMatchObject({ role: "owner" });
  });

  it("lets a viewer read but refuses every write with 403", async () => {
    for (const route of guarded("workspace")) {
      const { status, body } = await call(route, mine, { cookie: viewerCookie });
      expect(body, route.key).not.toContain(SECRET_MARK);
      if (route.method === "GET") expect([200, 403], route.key).toContain(status);
      else if (route.entry?.guard === "workspace" && route.entry.viewerWrites) expect(status, route.key).toBeLessThan(300);
      else expect(status, route.key).toBe(403);
    }
  });

  it("never returns another workspace's data in lists", async () => {
    for (const route of guarded("workspace", "session")) {
      if (route.method !== "GET" || route.pattern.includes("[")) continue;
      const { body } = await call(route, mine, { cookie: ownerCookie });
      expect(body, route.key).not.toContain(SECRET_MARK);
    }
  });
});

describe("every share route", () => {
  it("answers a revoked token, another workspace's revoked one and a run id exactly like a token that does not exist", async () => {
    const routes = guarded("share");
    expect(routes).toHaveLength(2);
    for (const route of routes) {
      const missing = await call(route, NOWHERE, {});
      expect(missing.status, route.key).toBe(404);
      for (const [name, shareToken] of Object.entries(deadTokens)) {
        // A session of the run's own workspace does not revive a dead token either.
        const answer = await call(route, { ...theirs, shareToken }, { cookie: ownerCookie });
        expect(answer, `${route.key} with ${name}`).toEqual(missing);
      }
    }
  });

  it("serves a live token to anyone, with nothing that leads back into the workspace", async () => {
    for (const route of guarded("share")) {
      const response = await route.handler(new Request(`http://tierflow.test/api/share/${mine.shareToken}`), { params: Promise.resolve({ token: mine.shareToken }) });
      expect(response.status, route.key).toBe(200);
      const body = route.key.endsWith("/events") ? await response.text() : JSON.stringify(await response.json());
      for (const secret of [SECRET_MARK, mine.workspace, mine.graph, theirs.run]) expect(body, route.key).not.toContain(secret);
    }
  });
});
