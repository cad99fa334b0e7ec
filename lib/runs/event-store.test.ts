import { describe, expect, it, vi } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { readRunEvents, RunEventWriter } from "./event-store";
import { runtime } from "./runtime";

/** Failures the next writes meet before reaching the database (a busy or unreachable one). */
const failures = vi.hoisted(() => ({ pending: 0 }));
vi.mock("./run-store", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./run-store")>();
  return {
    ...actual,
    storeEventBatch: (...args: Parameters<typeof actual.storeEventBatch>) => {
      if (failures.pending > 0) {
        failures.pending--;
        return Promise.reject(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }));
      }
      return actual.storeEventBatch(...args);
    },
  };
});

async function runRow(): Promise<string> {
  await ensureDatabase();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  const run = await db.run.create({ data: { workspaceId: workspace.id, graphName: "g", graphSnapshot: {}, input: "i", status: "running", simulated: true, ownerId: runtime.ownerId } });
  return run.id;
}

const started = (runId: string, seq: number): RunEvent => ({ type: "node.started", runId, seq, ts: seq, nodeId: "a", instance: seq, iteration: 0 }) as RunEvent;

describe("the run event writer", () => {
  it("stores what one turn added as one batch, and what came during a write as the next, handing each on only once stored", async () => {
    const runId = await runRow();
    const handed: number[][] = [];
    const writer = new RunEventWriter(runId, (batch) => handed.push(batch.map((event) => event.seq)));
    writer.add(started(runId, 1));
    writer.add(started(runId, 2));
    await new Promise((resolve) => setImmediate(resolve)); // the first write is under way now
    writer.add(started(runId, 3));
    writer.add(started(runId, 4));
    await writer.flush();
    expect(handed).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect((await readRunEvents(runId)).map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).lastSeq).toBe(4);
  });

  it("needs no timer: an event is stored and handed on at the end of its turn", async () => {
    const runId = await runRow();
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval"] }); // a writer waiting for a timer would never store
    try {
      const stored = new Promise<readonly RunEvent[]>((resolve) => new RunEventWriter(runId, resolve).add(started(runId, 1)));
      expect((await stored).map((event) => event.seq)).toEqual([1]);
      expect(await readRunEvents(runId)).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("retries a failed write before anything after it, so the log has no hole and viewers get each event once, in order", async () => {
    const runId = await runRow();
    const handed: number[] = [];
    const writer = new RunEventWriter(runId, (batch) => handed.push(...batch.map((event) => event.seq)));
    failures.pending = 2;
    writer.add(started(runId, 1));
    await new Promise((resolve) => setImmediate(resolve)); // the first write is failing now
    writer.add(started(runId, 2));
    await writer.flush();
    expect(failures.pending).toBe(0);
    expect(handed).toEqual([1, 2]);
    expect((await readRunEvents(runId)).map((event) => event.seq)).toEqual([1, 2]);
  });
});
