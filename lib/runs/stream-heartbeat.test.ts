import { afterEach, describe, expect, it, vi } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { runtime } from "./runtime";
import { streamRunEvents } from "./stream";

// Its own file: the heartbeat timer is process-wide, and these tests need it on fake time from the start.

async function workspaceId(): Promise<string> {
  await ensureDatabase();
  return (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
}

async function run(status: "running" | "succeeded", lastSeq = 0): Promise<string> {
  const created = await db.run.create({ data: { workspaceId: await workspaceId(), graphName: "g", graphSnapshot: {}, input: "i", status, lastSeq, simulated: true } });
  return created.id;
}

const delta = (runId: string, seq: number, text: string): RunEvent => ({ type: "node.delta", runId, seq, ts: seq, nodeId: "a", instance: 0, iteration: 0, text });
const decode = (chunk: Uint8Array | undefined) => new TextDecoder().decode(chunk);

/** A viewer's reader, and what it has been sent but not read yet (null: nothing, by the next turn of the event loop). */
function viewerOf(response: Response) {
  const reader = response.body!.getReader();
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const next = async () => {
    pending ??= reader.read();
    const result = await Promise.race([pending, new Promise<null>((resolve) => setImmediate(() => resolve(null)))]);
    if (result === null) return null;
    pending = null;
    return result.done ? "(end)" : decode(result.value);
  };
  /** The next chunk, however long it takes. */
  const read = async () => {
    const result = await (pending ?? reader.read());
    pending = null;
    return result.done ? "(end)" : decode(result.value);
  };
  return { next, read };
}

async function viewer(runId: string) {
  const response = await streamRunEvents(await workspaceId(), runId, 0, new AbortController().signal);
  const view = viewerOf(response);
  expect(await view.next()).toBe("retry: 1000\n\n");
  return view;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("keep-alives", () => {
  it("go only to streams that have sent nothing for a while, and never leave one silent for 15 s", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    const [busy, idle] = [await run("running"), await run("running")];
    runtime.bus.open(busy);
    runtime.bus.open(idle);
    const [busyViewer, idleViewer] = [await viewer(busy), await viewer(idle)];

    vi.advanceTimersByTime(7_000);
    runtime.bus.publish(delta(busy, 1, "Hi"));
    expect(await busyViewer.next()).toContain("id: 1\n");

    vi.advanceTimersByTime(3_000); // 10 s: the idle stream is due, the busy one wrote 3 s ago
    expect(await idleViewer.next()).toBe(": keep-alive\n\n");
    expect(await busyViewer.next()).toBeNull();

    vi.advanceTimersByTime(10_000); // 20 s: 13 s since the busy stream's event
    expect(await busyViewer.next()).toBe(": keep-alive\n\n");
    expect(await idleViewer.next()).toBe(": keep-alive\n\n");

    runtime.bus.publish({ type: "run.completed", runId: busy, seq: 2, ts: 2, outputs: {} } as unknown as RunEvent);
    runtime.bus.publish({ type: "run.completed", runId: idle, seq: 1, ts: 1, outputs: {} } as unknown as RunEvent);
    expect(await busyViewer.next()).toContain("id: 2\n");
    expect(await busyViewer.next()).toBe("(end)");
    expect(await idleViewer.next()).toContain("id: 1\n");
    expect(await idleViewer.next()).toBe("(end)");
    runtime.bus.close(busy);
    runtime.bus.close(idle);
  });
});

describe("viewers opening a stored run together", () => {
  it("share one read of its events and get the same bytes", async () => {
    const runId = await run("succeeded", 2);
    const events = [delta(runId, 1, "a"), { type: "run.completed", runId, seq: 2, ts: 2, outputs: {} } as unknown as RunEvent];
    await db.runEvent.createMany({ data: events.map((event) => ({ runId, seq: event.seq, type: event.type, data: event as object })) });
    const findMany = vi.spyOn(db.runEvent, "findMany");
    const viewers = await Promise.all([viewer(runId), viewer(runId), viewer(runId)]);
    const replays = await Promise.all(viewers.map((v) => v.read()));
    expect(findMany).toHaveBeenCalledTimes(1);
    expect(new Set(replays).size).toBe(1);
    expect([...replays[0]!.matchAll(/^id: (\d+)$/gm)].map((m) => m[1])).toEqual(["1", "2"]);
    for (const v of viewers) expect(await v.read()).toBe("(end)");
  });
});
