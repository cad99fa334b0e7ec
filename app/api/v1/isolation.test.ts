/**
 * Workspace isolation, enumerated: every /api/v1 route file and every method it exports is
 * called with no credentials, a revoked API key, another workspace's ids and a viewer's
 * session. A new route is covered the moment it exists; a new kind of `[id]` fails here
 * until the test knows which resource it names.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken, newToken } from "@/lib/auth/secrets";
import { signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { runFinished, startRun } from "@/lib/runs";

const API_DIR = path.join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Routes anyone may call: nothing of a workspace behind them. */
const PUBLIC = new Set(["/api/v1/health"]);
/** Routes a signed-in account may call before it belongs to a workspace. */
const SESSION_ONLY = new Set(["POST /api/v1/invitations/accept", "GET /api/v1/workspaces", "POST /api/v1/workspaces"]);
/** Writes a viewer may make: they change nothing of the workspace's graphs, runs or settings. */
const VIEWER_WRITES = new Set([
  "POST /api/v1/graphs/[id]/estimate",
  "POST /api/v1/invitations/accept",
  "POST /api/v1/workspaces",
  "POST /api/v1/workspaces/current/switch",
  "POST /api/sim/v1/chat/completions",
]);

/** Which resource an `[id]` names, by the segment before it. */
const RESOURCE_OF: Record<string, keyof Ids> = {
  graphs: "graph",
  runs: "run",
  members: "membership",
  invitations: "invitation",
  "api-keys": "apiKey",
  shares: "shareLink",
  workspaces: "workspace",
};

interface Ids {
  workspace: string;
  graph: string;
  run: string;
  membership: string;
  invitation: string;
  apiKey: string;
  shareLink: string;
}

interface Route {
  pattern: string;
  module: Partial<Record<Method, Handler>>;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

async function loadRoutes(): Promise<Route[]> {
  const files = routeFiles(API_DIR);
  return Promise.all(
    files.map(async (file) => ({
      pattern: "/api/v1/" + path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/"),
      module: (await import(file)) as Route["module"],
    })),
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

async function call(route: Route, method: Method, ids: Ids, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const handler = route.module[method]!;
  const params = paramsFor(route.pattern, ids);
  const url = "http://tierflow.test" + route.pattern.replace(/\[(\w+)\]/g, (_, name: string) => params[name]);
  const init: RequestInit = { method, headers: { "content-type": "application/json", ...headers } };
  if (method !== "GET") init.body = "{}";
  const response = await handler(new Request(url, init), { params: Promise.resolve(params) });
  // Streams (SSE) are never read to the end: a refused call has a short JSON body.
  const body = response.headers.get("content-type")?.includes("text/event-stream") ? "" : await response.text();
  return { status: response.status, body };
}

function eachCall(routes: Route[]) {
  return routes.flatMap((route) => METHODS.filter((method) => route.module[method]).map((method) => ({ route, method, key: `${method} ${route.pattern}` })));
}

let routes: Route[];
const mine = {} as Ids;
const theirs = {} as Ids;
let ownerCookie = "";
let viewerCookie = "";
let revokedKey = "";
const SECRET_MARK = "their-confidential-marker";
const NOWHERE = Object.fromEntries(["workspace", "graph", "run", "membership", "invitation", "apiKey", "shareLink"].map((k) => [k, "does-not-exist"])) as unknown as Ids;

async function seedWorkspace(workspaceId: string, userId: string, mark: string, into: Ids) {
  const template = TEMPLATES.find((t) => t.id === "codebase-docs")!;
  const graph = await db.graph.create({ data: { workspaceId, name: `Graph ${mark}`, document: template.graph as object } });
  const run = await startRun(workspaceId, graph.id, { input: `Task ${mark}`, simulation: { speed: 0 } });
  await runFinished(run.id);
  const membership = await db.membership.findFirstOrThrow({ where: { workspaceId, userId } });
  const invitation = await db.invitation.create({ data: { workspaceId, role: "viewer", tokenHash: hashToken(newToken("tf_inv")), expiresAt: new Date(Date.now() + 86_400_000), createdById: userId } });
  const apiKey = await db.apiKey.create({ data: { workspaceId, name: `Key ${mark}`, prefix: "tf_key_x", keyHash: hashToken(newToken("tf_key")) } });
  const shareLink = await db.shareLink.create({ data: { workspaceId, runId: run.id, tokenHash: hashToken(newToken("tf_share")) } });
  Object.assign(into, { workspace: workspaceId, graph: graph.id, run: run.id, membership: membership.id, invitation: invitation.id, apiKey: apiKey.id, shareLink: shareLink.id });
}

beforeAll(async () => {
  routes = await loadRoutes();
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
}, 60_000);

describe("every /api/v1 route", () => {
  it("is found by the enumeration", () => {
    expect(routes.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/api/v1/graphs", "/api/v1/graphs/[id]", "/api/v1/runs/[id]/events"]));
  });

  it("answers 401 to a caller with no credentials", async () => {
    for (const { route, method, key } of eachCall(routes)) {
      if (PUBLIC.has(route.pattern)) continue;
      expect((await call(route, method, mine, {})).status, key).toBe(401);
    }
  });

  it("answers 401 to a revoked API key, and leaks nothing", async () => {
    for (const { route, method, key } of eachCall(routes)) {
      if (PUBLIC.has(route.pattern)) continue;
      const { status, body } = await call(route, method, mine, { authorization: `Bearer ${revokedKey}` });
      expect(status, key).toBe(401);
      expect(body, key).not.toContain(SECRET_MARK);
    }
  });

  it("answers another workspace's ids exactly like ids that do not exist", async () => {
    for (const { route, method, key } of eachCall(routes)) {
      if (!route.pattern.includes("[") || route.pattern.startsWith("/api/v1/workspaces")) continue;
      const { status, body } = await call(route, method, theirs, { cookie: ownerCookie });
      const missing = await call(route, method, NOWHERE, { cookie: ownerCookie });
      expect(status, key).toBeGreaterThanOrEqual(400);
      expect(status, key).toBe(missing.status);
      expect(body.replaceAll(/"[^"]*"/g, (s) => (Object.values(theirs).some((id) => s.includes(id)) ? '"id"' : s)), key).toBe(
        missing.body.replaceAll(/"[^"]*"/g, (s) => (s.includes("does-not-exist") ? '"id"' : s)),
      );
      expect(body, key).not.toContain(SECRET_MARK);
    }
  });

  it("lets a viewer read but refuses every write with 403", async () => {
    for (const { route, method, key } of eachCall(routes)) {
      if (PUBLIC.has(route.pattern) || SESSION_ONLY.has(key)) continue;
      const { status, body } = await call(route, method, mine, { cookie: viewerCookie });
      expect(body, key).not.toContain(SECRET_MARK);
      if (method === "GET") expect([200, 403], key).toContain(status);
      else if (!VIEWER_WRITES.has(key)) expect(status, key).toBe(403);
    }
  });

  it("never returns another workspace's data in lists", async () => {
    for (const { route, method, key } of eachCall(routes)) {
      if (method !== "GET" || route.pattern.includes("[") || PUBLIC.has(route.pattern)) continue;
      const { body } = await call(route, method, mine, { cookie: ownerCookie });
      expect(body, key).not.toContain(SECRET_MARK);
    }
  });
});
