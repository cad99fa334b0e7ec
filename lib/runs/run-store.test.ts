import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { claimRun } from "./run-store";
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
