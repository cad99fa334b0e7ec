import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { scopeKey } from "@/lib/engine/restore";
import { TEMPLATES } from "@/lib/graph";
import { readRunEvents } from "./event-store";
import { childExecutor } from "./runner";
import { runtime } from "./runtime";
import { cancelRun, runFinished, startRun } from "./service";
import { streamRunEvents } from "./stream";

const template = TEMPLATES.find((t) => t.id === "research-review")!;
let workspaceId = "";
let graphId = "";

/** Every event of a run's SSE stream, read to its end the way the events route serves it. */
async function viewStream(runId: string): Promise<RunEvent[]> {
  const response = await streamRunEvents(workspaceId, runId, 0, new AbortController().signal);
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice(6)) as RunEvent);
}

beforeAll(async () => {
  process.env.TIERFLOW_RUNNER = "process";
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  graphId = (await db.graph.create({ data: { workspaceId, name: "Executed in the child", document: template.graph as object } })).id;
  // A cold child compiles the run code first; that is start-up, not what these tests time out on.
  await Promise.all(childExecutor().children.map((child) => child.whenReady()));
}, 120_000);

afterAll(() => {
  childExecutor().stop();
  delete process.env.TIERFLOW_RUNNER;
});

describe("the executor child", () => {
  it("executes a run off this process, and a viewer here gets every stored event live, in order", async () => {
    const run = await startRun(workspaceId, graphId, { input: "Compare three message queues", simulation: { speed: 5 } });
    expect(run.status).toBe("running");
    // Executed over there: this process only holds the run's proxy.
    expect(childExecutor().children[0].runs.has(run.id)).toBe(true);
    await expect.poll(() => runtime.bus.isLive(run.id), { timeout: 15_000 }).toBe(true);
    const seen = await viewStream(run.id);
    await runFinished(run.id);
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("succeeded");
    expect(row.ownerId).toBeNull();
    const stored = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
    expect(seen.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    expect(seen.at(-1)?.type).toBe("run.completed");
    expect(runtime.active.has(run.id)).toBe(false);
  });

  it("follows a run live from the moment it is handed over, before the child has started it", async () => {
    const run = await startRun(workspaceId, graphId, { input: "Compare three message queues", simulation: { speed: 0 } });
    // A viewer connecting now must not wait for a storage poll to find the run's first events.
    expect(runtime.bus.isLive(run.id)).toBe(true);
    const seen = await viewStream(run.id);
    await runFinished(run.id);
    const stored = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
    expect(seen.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    expect(seen.at(-1)?.type).toBe("run.completed");
    expect(runtime.bus.isLive(run.id)).toBe(false);
  });

  it("passes a cancel on to the child, and the run ends cancelled", async () => {
    const run = await startRun(workspaceId, graphId, { input: "Compare three message queues", simulation: { speed: 0.5 } });
    await expect.poll(() => db.runEvent.count({ where: { runId: run.id, type: "node.started" } }), { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await cancelRun(workspaceId, run.id)).status).toBe("cancelled");
    const events = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
    expect(events.at(-1)?.type).toBe("run.cancelled");
  });

  it("restarts a killed child and resumes its runs from their logs, under the same lease owner", async () => {
    const run = await startRun(workspaceId, graphId, { input: "Compare three message queues", simulation: { speed: 2 } });
    await expect.poll(() => db.runEvent.count({ where: { runId: run.id, type: "node.completed" } }), { timeout: 15_000 }).toBeGreaterThan(0);
    childExecutor().children[0].crash();
    await runFinished(run.id);
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("succeeded");
    const events = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
    expect(events.filter((e) => e.type === "run.resumed")).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe("run.completed");
  }, 40_000);

  it("charges the model call a killed child cut off mid-stream, once, in the run's stored cost", async () => {
    const run = await startRun(workspaceId, graphId, { input: "Compare three message queues", simulation: { speed: 2 } });
    // Killed while a call streams: its text is in the log, its usage never will be.
    await expect.poll(async () => streaming(await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    childExecutor().children[0].crash();
    await runFinished(run.id);
    const events = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
    const resumedAt = events.findIndex((e) => e.type === "run.resumed");
    const cut = streaming(events.slice(0, resumedAt));
    expect(cut.length).toBeGreaterThan(0);
    // One estimated charge per cut-off call, right after the resume.
    const charges = events.slice(resumedAt + 1, resumedAt + 1 + cut.length);
    expect(charges.map((e) => (e.type === "node.usage" && e.estimated ? scopeKey(e) : e.type)).sort()).toEqual(cut.sort());
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("succeeded");
    const charged = events.reduce((sum, e) => sum + (e.type === "node.usage" ? (e.costNanoUsd ?? 0) : 0), 0);
    expect(row.costNanoUsd).toBe(charged);
  }, 40_000);
});

/** Instances whose current call has streamed text and has no usage yet. */
function streaming(events: readonly RunEvent[]): string[] {
  const open = new Set<string>();
  for (const event of events) {
    if (event.type === "node.delta") open.add(scopeKey(event));
    else if (event.type === "node.usage" || event.type === "node.retry" || event.type === "node.completed" || event.type === "node.failed") open.delete(scopeKey(event));
  }
  return [...open];
}
