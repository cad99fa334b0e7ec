import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { TEMPLATES } from "@/lib/graph";
import { readRunEvents } from "./event-store";
import { runQueue } from "./queues";
import { cancelRun, runFinished } from "./service";
import { streamRunEvents } from "./stream";

let workspaceId = "";
const graph = TEMPLATES.find((t) => t.id === "research-review")!.graph;

const queuedRun = () =>
  db.run.create({ data: { workspaceId, graphName: "Waiting", graphSnapshot: graph as object, input: "Wait for a slot", status: "queued", simulated: true, simulation: { speed: 4 } } });

const dataLines = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice(6)) as RunEvent);

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
});

describe("the event stream of a queued run", () => {
  it("answers at once while the run waits, then streams it live from its first event once it starts", async () => {
    const run = await queuedRun();
    const response = await streamRunEvents(workspaceId, run.id, 0, new AbortController().signal);
    expect(response.status).toBe(200);
    const body = response.text();
    // A slot frees up: the run starts while the viewer is already connected.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await runQueue().enqueue({ runId: run.id, workspaceId })).toBe("running");
    await runFinished(run.id);
    const seen = dataLines(await body);
    const stored = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
    expect(seen.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    expect(seen[0].type).toBe("run.started");
    expect(seen.at(-1)?.type).toBe("run.completed");
  });

  it("ends when the queued run is cancelled, and the queue never starts it", async () => {
    const run = await queuedRun();
    const response = await streamRunEvents(workspaceId, run.id, 0, new AbortController().signal);
    const body = response.text();
    expect((await cancelRun(workspaceId, run.id)).status).toBe("cancelled");
    expect(dataLines(await body)).toEqual([]);
    expect(await runQueue().enqueue({ runId: run.id, workspaceId })).toBe("queued");
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("cancelled");
  });
});
