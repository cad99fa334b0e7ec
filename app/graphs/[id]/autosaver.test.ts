import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getTemplate, type GraphDocument } from "@/lib/graph";
import type { ApiResult } from "@/components/workspace/graph-api";
import { Autosaver, type SaveBody, type SaveState } from "./autosaver";

const graph = getTemplate("research-review")!.graph;

/** A fake PUT endpoint with optimistic concurrency, like the real one. */
function server(startVersion = 1) {
  const state = { version: startVersion, graph: null as GraphDocument | null, name: "Graph", calls: [] as SaveBody[], next: [] as ApiResult<{ version: number }>[] };
  const send = vi.fn(async (body: SaveBody): Promise<ApiResult<{ version: number }>> => {
    state.calls.push(body);
    const scripted = state.next.shift();
    if (scripted) return scripted;
    if (body.version !== state.version) {
      return { ok: false, error: { status: 409, code: "conflict", message: "changed elsewhere", details: { currentVersion: state.version } } };
    }
    state.version += 1;
    if (body.graph) state.graph = body.graph;
    if (body.name) state.name = body.name;
    return { ok: true, value: { version: state.version } };
  });
  return { state, send };
}

function saver(api: ReturnType<typeof server>, doc = { errors: 0 }) {
  const states: SaveState[] = [];
  const saved: [number, boolean][] = [];
  const autosaver = new Autosaver({
    version: api.state.version,
    send: api.send,
    read: () => ({ graph, errors: doc.errors }),
    onState: (state) => states.push(state),
    onSaved: (version, clean) => saved.push([version, clean]),
    delayMs: 500,
    retryMs: 1000,
  });
  return { autosaver, states, saved, last: () => states.at(-1) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("Autosaver", () => {
  it("debounces a burst of changes into one save with the base version", async () => {
    const api = server();
    const { autosaver, last, saved } = saver(api);
    autosaver.graphChanged();
    autosaver.graphChanged();
    expect(last()).toEqual({ kind: "pending" });
    await vi.advanceTimersByTimeAsync(499);
    expect(api.send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(api.state.calls).toEqual([{ graph, version: 1 }]);
    expect(last()).toEqual({ kind: "saved" });
    expect(saved).toEqual([[2, true]]);
    expect(autosaver.hasUnsavedChanges).toBe(false);

    // The next save is based on the new version.
    autosaver.rename("Renamed");
    await vi.advanceTimersByTimeAsync(500);
    expect(api.state.calls[1]).toEqual({ name: "Renamed", version: 2 });
  });

  it("saves changes made during a save right after it", async () => {
    const api = server();
    let release!: () => void;
    api.send.mockImplementationOnce(async (body) => {
      api.state.calls.push(body);
      await new Promise<void>((resolve) => (release = resolve));
      api.state.version += 1;
      return { ok: true, value: { version: api.state.version } };
    });
    const { autosaver, last } = saver(api);
    autosaver.graphChanged();
    await vi.advanceTimersByTimeAsync(500);
    expect(last()).toEqual({ kind: "saving" });
    autosaver.graphChanged();
    await vi.advanceTimersByTimeAsync(500);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.state.calls.map((call) => call.version)).toEqual([1, 2]);
    expect(last()).toEqual({ kind: "saved" });
  });

  it("does not send a malformed graph, but keeps it unsaved and still saves a new name", async () => {
    const api = server();
    const doc = { errors: 2 };
    const { autosaver, last } = saver(api, doc);
    autosaver.graphChanged();
    await vi.advanceTimersByTimeAsync(500);
    expect(api.send).not.toHaveBeenCalled();
    expect(last()).toEqual({ kind: "invalid", problems: 2 });
    expect(autosaver.hasUnsavedChanges).toBe(true);

    autosaver.rename("Draft");
    await vi.advanceTimersByTimeAsync(500);
    expect(api.state.calls).toEqual([{ name: "Draft", version: 1 }]);
    expect(last()).toEqual({ kind: "invalid", problems: 2 });

    doc.errors = 0;
    autosaver.graphChanged();
    await vi.advanceTimersByTimeAsync(500);
    expect(api.state.calls[1]).toEqual({ graph, version: 2 });
    expect(last()).toEqual({ kind: "saved" });
  });

  it("stops on a conflict, keeps the edits, and overwrites only when asked", async () => {
    const api = server(3);
    const { autosaver, last } = saver(api);
    api.state.version = 4; // another tab saved
    autosaver.graphChanged();
    await vi.advanceTimersByTimeAsync(500);
    expect(last()).toEqual({ kind: "conflict", currentVersion: 4 });
    expect(autosaver.hasUnsavedChanges).toBe(true);

    autosaver.graphChanged();
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.send).toHaveBeenCalledTimes(1);

    autosaver.overwrite(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.state.calls[1]).toEqual({ graph, version: 4 });
    expect(last()).toEqual({ kind: "saved" });
  });

  it("retries with backoff when the server cannot be reached", async () => {
    const api = server();
    const offline = { ok: false as const, error: { status: 0, code: "network", message: "offline" } };
    api.state.next.push(offline, offline);
    const { autosaver, last } = saver(api);
    autosaver.graphChanged();
    await vi.advanceTimersByTimeAsync(500);
    expect(last()).toEqual({ kind: "retrying", message: "offline", retryInMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(last()).toEqual({ kind: "retrying", message: "offline", retryInMs: 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(last()).toEqual({ kind: "saved" });
    expect(api.send).toHaveBeenCalledTimes(3);
  });

  it("saves on demand, and says whether the server has everything", async () => {
    const api = server();
    const doc = { errors: 0 };
    const { autosaver } = saver(api, doc);
    expect(await autosaver.saveNow()).toBe(true);
    expect(api.send).not.toHaveBeenCalled();

    autosaver.graphChanged();
    expect(await autosaver.saveNow()).toBe(true);
    expect(api.state.calls).toEqual([{ graph, version: 1 }]);

    doc.errors = 1;
    autosaver.graphChanged();
    expect(await autosaver.saveNow()).toBe(false);
  });

  it("forgets unsaved state when the server's version is loaded", async () => {
    const api = server();
    const { autosaver, last } = saver(api);
    autosaver.graphChanged();
    autosaver.reset(7);
    expect(autosaver.hasUnsavedChanges).toBe(false);
    expect(last()).toEqual({ kind: "saved" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.send).not.toHaveBeenCalled();
    expect(autosaver.baseVersion).toBe(7);
  });
});
