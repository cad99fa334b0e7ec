/**
 * The API document against the routes it describes: every route file and method is in it,
 * it is valid OpenAPI 3.1, each handler parses with exactly the schema objects the document
 * was generated from, guards with the declared role, and answers what its response schema says.
 */
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { HTTP_METHODS, jsonSchemaOf, openApiPath, type ApiOperation, type HttpMethod } from "@/lib/api/openapi";
import { hashToken, newToken } from "@/lib/auth/secrets";
import { signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { runFinished, startRun } from "@/lib/runs";
import { routeFiles } from "@/lib/api/testing";
import { openApiDocument, OPERATIONS } from "./operations";

// Records the schema every handler hands to the body and query parsers.
const parsedWith = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/api/respond", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/api/respond")>();
  return {
    ...actual,
    readJson: (request: Request, schema: Parameters<typeof actual.readJson>[1], maxBytes?: number) => {
      parsedWith.push(schema);
      return actual.readJson(request, schema, maxBytes);
    },
    readQuery: (request: Request, schema: Parameters<typeof actual.readQuery>[1]) => {
      parsedWith.push(schema);
      return actual.readQuery(request, schema);
    },
  };
});

const API_DIR = path.join(process.cwd(), "app/api/v1");
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routeOf = (file: string) => "/api/v1/" + path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/");
const keyOf = (op: Pick<ApiOperation, "method" | "route">) => `${op.method} ${op.route}`;

/** Which seeded resource an `[id]` names, by the segment before it. */
const RESOURCE_OF: Record<string, keyof Ids> = {
  graphs: "graph",
  runs: "run",
  members: "membership",
  invitations: "invitation",
  "api-keys": "apiKey",
  shares: "shareLink",
  collections: "collection",
  files: "document",
  datasets: "dataset",
  cases: "datasetCase",
  experiments: "experiment",
};
type Ids = { graph: string; run: string; membership: string; invitation: string; apiKey: string; shareLink: string; collection: string; document: string; dataset: string; datasetCase: string; experiment: string };
const NOWHERE: Ids = { graph: "nope", run: "nope", membership: "nope", invitation: "nope", apiKey: "nope", shareLink: "nope", collection: "nope", document: "nope", dataset: "nope", datasetCase: "nope", experiment: "nope" };

const handlers = new Map<string, Handler>();
const ids = {} as Ids;
let ownerCookie = "";
let viewerCookie = "";
let apiKey = "";

async function call(op: ApiOperation, headers: Record<string, string>, at: Ids = ids, query = "") {
  const handler = handlers.get(keyOf(op));
  if (!handler) throw new Error(`No handler for ${keyOf(op)}`);
  const params: Record<string, string> = {};
  const url = op.route.replace(/(\w[\w-]*)\/\[(\w+)\]/g, (_, segment: string, name: string) => {
    params[name] = at[RESOURCE_OF[segment]];
    return `${segment}/${params[name]}`;
  });
  const init: RequestInit = { method: op.method, headers: { "content-type": "application/json", ...headers } };
  if (op.method !== "GET") init.body = "{}";
  parsedWith.length = 0;
  const response = await handler(new Request(`http://tierflow.test${url}${query}`, init), { params: Promise.resolve(params) });
  const parsers = [...parsedWith];
  if (response.headers.get("content-type")?.includes("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status, body: null as unknown, parsers, response };
  }
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as unknown, parsers, response };
}

const guardRefusal = (body: unknown) => /needs the (\w+) role/.exec((body as { error?: { message?: string } } | null)?.error?.message ?? "")?.[1] ?? null;
const refusesKeys = (body: unknown) => /API keys act in their own workspace only/.test((body as { error?: { message?: string } } | null)?.error?.message ?? "");

beforeAll(async () => {
  for (const file of routeFiles(API_DIR)) {
    const exported = (await import(file)) as Partial<Record<HttpMethod, Handler>>;
    for (const method of HTTP_METHODS) if (exported[method]) handlers.set(`${method} ${routeOf(file)}`, exported[method]);
  }
  const owner = await signUpForTest({ name: "Owner" });
  ownerCookie = owner.cookie;
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  const viewer = await signUpForTest({ name: "Viewer" });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: viewer.userId, role: "viewer" } });
  viewerCookie = viewer.cookie;
  apiKey = newToken("tf_key");
  await db.apiKey.create({ data: { workspaceId: workspace.id, name: "Test key", prefix: apiKey.slice(0, 12), keyHash: hashToken(apiKey) } });

  const template = TEMPLATES.find((t) => t.id === "codebase-docs")!;
  const graph = await db.graph.create({ data: { workspaceId: workspace.id, name: "Docs", document: template.graph as object } });
  const run = await startRun(workspace.id, graph.id, { input: "Document the code", simulation: { speed: 0 } });
  await runFinished(run.id);
  const membership = await db.membership.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: owner.userId } });
  const invitation = await db.invitation.create({
    data: { workspaceId: workspace.id, role: "viewer", tokenHash: hashToken(newToken("tf_inv")), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const key = await db.apiKey.create({ data: { workspaceId: workspace.id, name: "Doomed", prefix: "tf_key_y", keyHash: hashToken(newToken("tf_key")) } });
  const shareLink = await db.shareLink.create({ data: { workspaceId: workspace.id, runId: run.id, tokenHash: hashToken(newToken("tf_share")) } });
  const collection = await db.documentCollection.create({ data: { workspaceId: workspace.id, name: "Repo" } });
  const document = await db.document.create({ data: { workspaceId: workspace.id, collectionId: collection.id, path: "a.md", kind: "markdown", sizeBytes: 3, text: "# a", lineCount: 1 } });
  const dataset = await db.dataset.create({ data: { workspaceId: workspace.id, name: "Cases", grader: { kind: "contains", caseSensitive: false }, cases: { create: [{ position: 0, input: "A case", expected: "x" }] } }, include: { cases: true } });
  const experiment = await db.experiment.create({ data: { workspaceId: workspace.id, graphId: graph.id, datasetId: dataset.id, name: "Experiment", status: "succeeded", variants: [], grader: { kind: "contains", caseSensitive: false }, concurrency: 1, simulated: true } });
  Object.assign(ids, { collection: collection.id, document: document.id, dataset: dataset.id, datasetCase: dataset.cases[0].id, experiment: experiment.id, graph: graph.id, run: run.id, membership: membership.id, invitation: invitation.id, apiKey: key.id, shareLink: shareLink.id });
}, 60_000);

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocument()) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has every route file and method, and nothing else", () => {
    const declared = OPERATIONS.map(keyOf).sort();
    expect(declared).toEqual([...handlers.keys()].sort());
    const paths = openApiDocument().paths;
    for (const op of OPERATIONS) expect(paths[openApiPath(op.route)]?.[op.method.toLowerCase() as "get"], keyOf(op)).toBeDefined();
  });

  it("describes each body and query with the very schema its handler parses with", async () => {
    // Writes last: a DELETE must not take away what later calls use.
    const ordered = [...OPERATIONS].sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    for (const op of ordered) {
      const { parsers } = await call(op, { cookie: ownerCookie });
      expect(parsers, keyOf(op)).toHaveLength([op.body, op.query].filter(Boolean).length);
      if (op.body) expect(parsers[0], keyOf(op)).toBe(op.body);
      if (op.query) expect(parsers[0], keyOf(op)).toBe(op.query);
      const operation = openApiDocument().paths[openApiPath(op.route)][op.method.toLowerCase() as "get"] as Record<string, never>;
      const requestSchema = (operation.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)?.content?.["application/json"].schema;
      expect(requestSchema, keyOf(op)).toEqual(op.body ? jsonSchemaOf(op.body, "input") : undefined);
    }
  });

  it("states the role, credential and guard each handler enforces", async () => {
    for (const op of OPERATIONS) {
      const anonymous = await call(op, {}, NOWHERE);
      if (op.auth === "public") expect(anonymous.status, keyOf(op)).not.toBe(401);
      else expect(anonymous.status, keyOf(op)).toBe(401);
      if (op.auth === "public") continue;

      const viewer = await call(op, { cookie: viewerCookie }, NOWHERE);
      expect(guardRefusal(viewer.body), keyOf(op)).toBe(op.minRole === "editor" || op.minRole === "owner" ? op.minRole : null);

      const key = await call(op, { authorization: `Bearer ${apiKey}` }, NOWHERE);
      expect(refusesKeys(key.body), keyOf(op)).toBe(op.auth === "session");
      if (op.auth === "workspace") expect(guardRefusal(key.body), keyOf(op)).toBe(op.minRole === "owner" ? "owner" : null);
    }
  });

  it("answers what each declared response schema says", async () => {
    const described = OPERATIONS.filter((op) => op.response.schema);
    expect(described.map(keyOf)).toEqual(expect.arrayContaining(["GET /api/v1/runs", "GET /api/v1/runs/[id]/trace"]));
    for (const op of described) {
      const { status, body } = await call(op, { cookie: ownerCookie });
      expect(status, keyOf(op)).toBe(op.response.status);
      const parsed = op.response.schema!.safeParse(body);
      expect(parsed.error?.issues ?? [], keyOf(op)).toEqual([]);
    }
  });

  it("is served at GET /api/v1/openapi.json to members and API keys", async () => {
    const op = OPERATIONS.find((o) => o.route === "/api/v1/openapi.json")!;
    const credentials: Record<string, string>[] = [{ cookie: viewerCookie }, { authorization: `Bearer ${apiKey}` }];
    for (const credential of credentials) {
      const { status, body } = await call(op, credential);
      expect(status).toBe(200);
      expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    }
  });
});
