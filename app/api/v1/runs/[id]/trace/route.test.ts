import { beforeAll, describe, expect, it } from "vitest";
import { hashToken, newToken } from "@/lib/auth/secrets";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { getRunDetail, runFinished, startRun, type RunTrace } from "@/lib/runs";
import { GET } from "./route";

let mine = "";
let runId = "";
let myKey = "";
let theirKey = "";

async function keyFor(workspaceId: string): Promise<string> {
  const key = newToken("tf_key");
  await db.apiKey.create({ data: { workspaceId, name: "Tracer", prefix: key.slice(0, 12), keyHash: hashToken(key) } });
  return key;
}

const trace = (id: string, key: string) =>
  GET(new Request(`http://tierflow.test/api/v1/runs/${id}/trace`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  await ensureDatabase();
  mine = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  const theirs = (await db.workspace.create({ data: { slug: "trace-theirs", name: "Theirs" } })).id;
  myKey = await keyFor(mine);
  theirKey = await keyFor(theirs);
  const template = TEMPLATES.find((t) => t.id === "research-review")!;
  const graph = await db.graph.create({ data: { workspaceId: mine, name: "Traced", document: template.graph as object } });
  runId = (await startRun(mine, graph.id, { input: "Compare three message queues", simulation: { speed: 0 } })).id;
  await runFinished(runId);
});

describe("GET /api/v1/runs/:id/trace", () => {
  it("downloads the run and every stored event, in order, as one JSON file", async () => {
    const response = await trace(runId, myKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="tierflow-run-${runId}-trace.json"`);
    const body = (await response.json()) as RunTrace;
    expect(body.format).toBe("tierflow.run-trace");

    const stored = await db.runEvent.count({ where: { runId } });
    expect(body.events).toHaveLength(stored);
    expect(body.events.map((event) => event.seq)).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
    expect(body.events[0].type).toBe("run.started");
    expect(body.events.at(-1)?.type).toBe("run.completed");
    expect(body.events.filter((event) => event.type === "node.completed").length).toBeGreaterThan(1);

    const detail = await getRunDetail(mine, runId);
    expect(body.run).toMatchObject({ id: runId, status: "succeeded", input: "Compare three message queues", output: detail.output });
    expect(body.events.at(-1)).toMatchObject({ output: detail.output });
  });

  it("answers another workspace's run like one that does not exist", async () => {
    const theirs = await trace(runId, theirKey);
    const missing = await trace("no-such-run", theirKey);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(await missing.json());
  });
});
