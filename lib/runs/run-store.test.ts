import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import type { RunOutcome } from "@/lib/engine";
import type { RunEvent } from "@/lib/engine/events";
import { claimRun, storeEventBatch, storeOutcome, type NodeResult } from "./run-store";
import { runtime } from "./runtime";

let workspaceId = "";

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
});

function newRun(data: { status: string; ownerId?: string; leaseExpiresAt?: Date; startedAt?: Date; lastSeq?: number }) {
  return db.run.create({
    data: { workspaceId, graphName: "Claimed", graphSnapshot: {}, input: "the task", simulated: true, budgetNanoUsd: 5e9, documents: ["c1"], simulation: { speed: 0, seed: 7 }, ...data },
  });
}

describe("claimRun", () => {
  it("takes a queued run: leases it to this process, stamps startedAt, and answers what executing it reads", async () => {
    const run = await newRun({ status: "queued" });
    const before = Date.now();
    expect(await claimRun(run.id)).toEqual({ workspaceId, input: "the task", budgetNanoUsd: 5e9, simulation: { speed: 0, seed: 7 }, documents: ["c1"], lastSeq: 0 });
    const stored = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored).toMatchObject({ status: "running", ownerId: runtime.ownerId, cancelRequested: false, error: null });
    expect(stored.startedAt!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(stored.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    // Leased now: nobody (this process included) claims it again until the lease passes.
    expect(await claimRun(run.id)).toBeNull();
  });

  it("takes over a running run only once its lease expired, keeping its startedAt and lastSeq", async () => {
    const startedAt = new Date("2026-01-02T03:04:05.000Z");
    const live = await newRun({ status: "running", ownerId: "elsewhere", leaseExpiresAt: new Date(Date.now() + 60_000), startedAt, lastSeq: 4 });
    const orphan = await newRun({ status: "running", ownerId: "elsewhere", leaseExpiresAt: new Date(Date.now() - 1000), startedAt, lastSeq: 4 });
    expect(await claimRun(live.id)).toBeNull();
    expect((await claimRun(orphan.id))?.lastSeq).toBe(4);
    expect(await db.run.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ ownerId: runtime.ownerId, startedAt });
  });

  it("leaves ended runs alone", async () => {
    const ended = await newRun({ status: "succeeded" });
    expect(await claimRun(ended.id)).toBeNull();
    expect((await db.run.findUniqueOrThrow({ where: { id: ended.id } })).status).toBe("succeeded");
  });
});

describe("fenced writes", () => {
  const started = (runId: string, seq: number): RunEvent => ({ type: "node.started", runId, seq, ts: seq, nodeId: "a", instance: 0, iteration: 0 }) as RunEvent;
  const node = { nodeId: "a", label: "A", role: "executor", tier: "nano", model: "gpt-5.4-nano", status: "succeeded", instances: 1, usage: null, costNanoUsd: 1, wallMs: 2, output: "late" } as unknown as NodeResult;
  const totals = { costNanoUsd: 1, baselineNanoUsd: 2, costComplete: true, usage: null } as unknown as RunOutcome["totals"];

  it("store a run's events, node rows and outcome only while this process owns it", async () => {
    const run = await newRun({ status: "queued" });
    await claimRun(run.id);
    await storeEventBatch(run.id, [started(run.id, 1)], { nodes: [node], totals });
    // It stalled past its lease and another process took the run over.
    await db.run.update({ where: { id: run.id }, data: { ownerId: "the-process-that-took-over" } });
    await expect(storeEventBatch(run.id, [started(run.id, 2)], { nodes: [{ ...node, output: "lost" }], totals })).rejects.toThrow();
    await expect(storeOutcome(run.id, { status: "succeeded", output: "lost", totals } as RunOutcome, [{ ...node, output: "lost" }])).rejects.toThrow();
    // Nothing of the refused writes is there: not the event, not lastSeq, not the node row, not the end.
    expect((await db.runEvent.findMany({ where: { runId: run.id } })).map((row) => row.seq)).toEqual([1]);
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "running", lastSeq: 1, ownerId: "the-process-that-took-over", endedAt: null });
    expect((await db.runNode.findUniqueOrThrow({ where: { runId_nodeId: { runId: run.id, nodeId: "a" } } })).output).toBe("late");
  });
});

describe("storeEventBatch", () => {
  const event = (runId: string, seq: number): RunEvent => ({ type: "node.started", runId, seq, ts: seq, nodeId: `n${seq % 7}`, instance: seq, iteration: 0 }) as RunEvent;
  const nodeRow = (index: number, output: string) =>
    ({ nodeId: `n${index}`, label: `Node ${index}`, role: "executor", tier: "nano", model: "gpt-5.4-nano", status: "succeeded", instances: 1, usage: { inputTokens: index }, costNanoUsd: index, wallMs: 2.4, output }) as unknown as NodeResult;
  const totals = { costNanoUsd: 1, baselineNanoUsd: 2, costComplete: true, usage: null } as unknown as RunOutcome["totals"];

  it("stores a batch of any size whole and in order (several rows per statement), and updates node rows already there", async () => {
    const run = await newRun({ status: "queued" });
    await claimRun(run.id);
    // 101 events: statements of 64, 32, 4 and 1 rows; 70 node rows: 64, 4 and 2.
    const first = Array.from({ length: 101 }, (_, i) => event(run.id, i + 1));
    await storeEventBatch(run.id, first, { nodes: Array.from({ length: 70 }, (_, i) => nodeRow(i, "first")), totals });
    await storeEventBatch(run.id, [event(run.id, 102)], { nodes: [nodeRow(3, "second"), nodeRow(70, "new")], totals });

    const stored = await db.runEvent.findMany({ where: { runId: run.id }, orderBy: { seq: "asc" } });
    expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));
    expect(stored.map((row) => row.data)).toEqual([...first, event(run.id, 102)]);
    expect(stored[5]).toMatchObject({ type: "node.started" });
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).lastSeq).toBe(102);

    const nodes = await db.runNode.findMany({ where: { runId: run.id }, orderBy: { costNanoUsd: "asc" } });
    expect(nodes).toHaveLength(71);
    expect(nodes[3]).toMatchObject({ nodeId: "n3", output: "second", usage: { inputTokens: 3 }, latencyMs: 2 });
    expect(nodes[69]).toMatchObject({ nodeId: "n69", output: "first" });
    expect(nodes[70]).toMatchObject({ nodeId: "n70", output: "new" });
  });
});
