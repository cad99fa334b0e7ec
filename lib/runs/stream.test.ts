import { describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { runtime } from "./runtime";
import { streamRunEvents } from "./stream";

/** A run row marked running, open on the bus as if it were executing here. */
async function liveRun(): Promise<string> {
  await ensureDatabase();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  const run = await db.run.create({ data: { workspaceId: workspace.id, graphName: "g", graphSnapshot: {}, input: "i", status: "running", simulated: true } });
  runtime.bus.open(run.id);
  return run.id;
}

const delta = (runId: string, seq: number, text: string): RunEvent => ({ type: "node.delta", runId, seq, ts: seq, nodeId: "a", instance: 0, iteration: 0, text });

async function viewer(runId: string, afterSeq = 0) {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  const response = await streamRunEvents(workspace.id, runId, afterSeq, new AbortController().signal);
  const reader = response.body!.getReader();
  await reader.read(); // the retry hint
  return reader;
}

const decode = (chunk: Uint8Array | undefined) => new TextDecoder().decode(chunk);

describe("streaming a live run to many viewers", () => {
  it("hands every viewer the same encoded frame instead of serialising the event once per viewer", async () => {
    const runId = await liveRun();
    const [first, second] = [await viewer(runId), await viewer(runId)];
    runtime.bus.publish(delta(runId, 1, "Hello"));
    const [a, b] = [(await first.read()).value, (await second.read()).value];
    expect(decode(a)).toBe(`id: 1\ndata: ${JSON.stringify(delta(runId, 1, "Hello"))}\n\n`);
    expect(b).toBe(a);
    runtime.bus.close(runId);
  });

  it("sends events published together as one chunk, in order, and replays history the same way", async () => {
    const runId = await liveRun();
    runtime.bus.publish(delta(runId, 1, "a"));
    runtime.bus.publish(delta(runId, 2, "b"));
    const late = await viewer(runId, 1); // joins after seq 1: replays only seq 2
    expect([...decode((await late.read()).value).matchAll(/^id: (\d+)$/gm)].map((m) => m[1])).toEqual(["2"]);
    for (const seq of [3, 4, 5]) runtime.bus.publish(delta(runId, seq, `t${seq}`));
    const burst = decode((await late.read()).value);
    expect([...burst.matchAll(/^id: (\d+)$/gm)].map((m) => m[1])).toEqual(["3", "4", "5"]);
    expect(burst).toContain('"text":"t5"');
    runtime.bus.close(runId);
  });

  it("hands viewers who connect one after the other, between two events, the same replay bytes", async () => {
    const runId = await liveRun();
    for (const seq of [1, 2, 3]) runtime.bus.publish(delta(runId, seq, `t${seq}`));
    const first = await viewer(runId);
    const firstReplay = (await first.read()).value;
    const second = await viewer(runId);
    const secondReplay = (await second.read()).value;
    expect([...decode(firstReplay).matchAll(/^id: (\d+)$/gm)].map((m) => m[1])).toEqual(["1", "2", "3"]);
    expect(secondReplay).toBe(firstReplay);
    runtime.bus.close(runId);
  });
});
