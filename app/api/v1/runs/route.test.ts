import { beforeAll, describe, expect, it } from "vitest";
import { hashToken, newToken } from "@/lib/auth/secrets";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import type { RunPage, WorkspaceRun } from "@/lib/runs";
import { GET } from "./route";

const document = TEMPLATES[0].graph as object;
let myKey = "";
let theirKey = "";
const graphs = { a: "", b: "", theirs: "" };

async function keyFor(workspaceId: string): Promise<string> {
  const key = newToken("tf_key");
  await db.apiKey.create({ data: { workspaceId, name: "Lister", prefix: key.slice(0, 12), keyHash: hashToken(key) } });
  return key;
}

async function seedRuns(workspaceId: string, graphId: string, graphName: string, runs: { status: string; at: number; input?: string }[]) {
  for (const { status, at, input } of runs) {
    await db.run.create({
      data: { workspaceId, graphId, graphName, graphSnapshot: document, input: input ?? `${graphName} ${status}`, status, simulated: true, createdAt: new Date(at) },
    });
  }
}

async function list(query: string, key = myKey): Promise<{ status: number; body: RunPage & { error?: { message: string; details: { path: string[] }[] } } }> {
  const response = await GET(new Request(`http://tierflow.test/api/v1/runs${query}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
  return { status: response.status, body: await response.json() };
}

async function everyPage(query: string, limit: number): Promise<WorkspaceRun[]> {
  const runs: WorkspaceRun[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const { status, body }: Awaited<ReturnType<typeof list>> = await list(`?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(status).toBe(200);
    expect(body.runs.length).toBeLessThanOrEqual(limit);
    runs.push(...body.runs);
    cursor = body.nextCursor;
    if (!cursor) return runs;
  }
  throw new Error("The cursor never ran out.");
}

const T = Date.UTC(2026, 0, 10, 12);

beforeAll(async () => {
  await ensureDatabase();
  const mine = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  const theirs = (await db.workspace.create({ data: { slug: "runs-theirs", name: "Theirs" } })).id;
  myKey = await keyFor(mine);
  theirKey = await keyFor(theirs);
  graphs.a = (await db.graph.create({ data: { workspaceId: mine, name: "Alpha", document } })).id;
  graphs.b = (await db.graph.create({ data: { workspaceId: mine, name: "Beta", document } })).id;
  graphs.theirs = (await db.graph.create({ data: { workspaceId: theirs, name: "Secret", document } })).id;
  await seedRuns(mine, graphs.a, "Alpha", [
    { status: "succeeded", at: T + 1000 },
    { status: "failed", at: T + 2000 },
    { status: "succeeded", at: T + 3000 },
    { status: "failed", at: T + 4000 },
    { status: "succeeded", at: T + 5000 },
  ]);
  // Three runs created in the same millisecond: pages must neither repeat nor skip any of them.
  await seedRuns(mine, graphs.b, "Beta", [
    { status: "cancelled", at: T + 6000 },
    { status: "succeeded", at: T + 7000 },
    { status: "succeeded", at: T + 7000 },
    { status: "succeeded", at: T + 7000 },
    { status: "cancelled", at: T + 8000 },
  ]);
  await seedRuns(theirs, graphs.theirs, "Secret", [
    { status: "succeeded", at: T + 1500, input: "their confidential task" },
    { status: "failed", at: T + 9000, input: "their confidential task" },
  ]);
});

describe("GET /api/v1/runs", () => {
  it("lists the workspace's runs newest first, with their graph, and never another workspace's", async () => {
    const { status, body } = await list("?limit=100");
    expect(status).toBe(200);
    expect(body.runs).toHaveLength(10);
    expect(body.nextCursor).toBeNull();
    expect(JSON.stringify(body)).not.toContain("confidential");
    const times = body.runs.map((run) => Date.parse(run.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.runs[0]).toMatchObject({ graphId: graphs.b, graphName: "Beta", status: "cancelled" });

    const theirs = await list("?limit=100", theirKey);
    expect(theirs.body.runs.map((run) => run.graphName)).toEqual(["Secret", "Secret"]);
  });

  it("filters by status and by graph, alone and together", async () => {
    const failed = (await list("?status=failed")).body.runs;
    expect(failed.map((run) => [run.graphName, run.status])).toEqual([
      ["Alpha", "failed"],
      ["Alpha", "failed"],
    ]);
    const beta = (await list(`?graphId=${graphs.b}`)).body.runs;
    expect(beta).toHaveLength(5);
    expect(new Set(beta.map((run) => run.graphId))).toEqual(new Set([graphs.b]));
    const both = (await list(`?graphId=${graphs.b}&status=cancelled`)).body.runs;
    expect(both.map((run) => run.status)).toEqual(["cancelled", "cancelled"]);
  });

  it("shows nothing for another workspace's graph id", async () => {
    const { status, body } = await list(`?graphId=${graphs.theirs}`);
    expect(status).toBe(200);
    expect(body.runs).toEqual([]);
  });

  it("pages through every run exactly once with the cursor, ties included", async () => {
    const all = (await list("?limit=100")).body.runs.map((run) => run.id);
    for (const limit of [1, 3, 4]) {
      const paged = (await everyPage("", limit)).map((run) => run.id);
      expect(paged, `limit ${limit}`).toEqual(all);
    }
    const succeeded = await everyPage("status=succeeded", 2);
    expect(succeeded).toHaveLength(6);
    expect(new Set(succeeded.map((run) => run.id)).size).toBe(6);
  });

  it("answers 400 naming the parameter for a bad status, limit or cursor", async () => {
    for (const [query, param] of [
      ["?status=done", "status"],
      ["?limit=0", "limit"],
      ["?limit=500", "limit"],
      ["?limit=many", "limit"],
      ["?cursor=not-a-cursor", "cursor"],
    ] as const) {
      const { status, body } = await list(query);
      expect(status, query).toBe(400);
      expect(body.error?.details.map((d) => d.path.join(".")), query).toEqual([param]);
    }
    expect((await list("?cursor=x")).body.error?.details[0]).toMatchObject({ message: expect.stringContaining("nextCursor") });
  });
});
