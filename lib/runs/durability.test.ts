import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { TEMPLATES } from "@/lib/graph";
import { readRunEvents } from "./event-store";
import { renewLeases } from "./ownership";
import { resumeRun, takeOverExpiredRuns } from "./takeover";
import { runtime } from "./runtime";
import { cancelRun, runFinished, startRun } from "./service";
import { drainRuns } from "./shutdown";

const template = TEMPLATES.find((t) => t.id === "research-review")!;
let workspaceId = "";

async function graphId(): Promise<string> {
  return (await db.graph.create({ data: { workspaceId, name: "Durable graph", document: template.graph as object } })).id;
}

/** A run as a dead (or live) process on the same database left it. */
async function runOwnedElsewhere(leaseExpiresAt: Date) {
  return db.run.create({
    data: {
      workspaceId,
      graphName: "Elsewhere",
      graphSnapshot: template.graph as object,
      input: "Compare three message queues",
      status: "running",
      simulated: true,
      startedAt: new Date(),
      ownerId: "another-process",
      leaseExpiresAt,
    },
  });
}

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
});

describe("durable runs", () => {
  it("shows viewers only stored events, and stores node results and running cost as nodes finish", async () => {
    const run = await startRun(workspaceId, await graphId(), { input: "Compare three message queues", simulation: { speed: 4 } });
    const checks: Promise<{ stored: string | undefined; row: string | undefined; runStatus: string; cost: number }>[] = [];
    const unsubscribe = runtime.bus.subscribe(
      run.id,
      0,
      (event: RunEvent) => {
        if (event.type !== "node.completed") return;
        // The moment a viewer sees a completion, it, its node's row and the run's cost are in the database.
        checks.push(
          Promise.all([
            db.runEvent.findUnique({ where: { runId_seq: { runId: run.id, seq: event.seq } } }),
            db.runNode.findUnique({ where: { runId_nodeId: { runId: run.id, nodeId: event.nodeId } } }),
            db.run.findUniqueOrThrow({ where: { id: run.id } }),
          ]).then(([stored, row, current]) => ({ stored: stored?.type, row: row?.status, runStatus: current.status, cost: current.costNanoUsd })),
        );
      },
      () => {},
    );
    await runFinished(run.id);
    unsubscribe?.();
    const seen = await Promise.all(checks);
    expect(seen.length).toBeGreaterThan(2);
    for (const check of seen) expect(check.stored).toBe("node.completed");
    expect(seen[0]).toMatchObject({ row: "succeeded", runStatus: "running" });
    expect(seen[0].cost).toBeGreaterThan(0);
    const done = await db.run.findUniqueOrThrow({ where: { id: run.id }, include: { nodes: true } });
    expect(done.status).toBe("succeeded");
    expect(done.nodes.reduce((sum, node) => sum + (node.costNanoUsd ?? 0), 0)).toBeCloseTo(done.costNanoUsd, 3);
  });

  it("takes over only runs whose lease expired, and resumes them where the log ends", async () => {
    const live = await runOwnedElsewhere(new Date(Date.now() + 60_000));
    const orphan = await runOwnedElsewhere(new Date(Date.now() - 1000));
    const startedEvent = { type: "run.started", ts: Date.now(), input: orphan.input, simulated: true, nodeCount: 3, budgetNanoUsd: null, runId: orphan.id, seq: 1 };
    // As the run service stores a batch: the event and the run's lastSeq together.
    await db.run.update({ where: { id: orphan.id }, data: { lastSeq: 1, events: { create: { seq: 1, type: "run.started", data: startedEvent } } } });
    await takeOverExpiredRuns();
    expect(runtime.active.has(live.id)).toBe(false);
    expect(runtime.active.has(orphan.id)).toBe(true);
    await runFinished(orphan.id);
    expect((await db.run.findUniqueOrThrow({ where: { id: live.id } })).status).toBe("running");
    const resumed = await db.run.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(resumed.status).toBe("succeeded");
    const events = await readRunEvents(orphan.id, 0, Number.MAX_SAFE_INTEGER);
    expect(events.slice(0, 2).map((e) => e.type)).toEqual(["run.started", "run.resumed"]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    await db.run.delete({ where: { id: live.id } });
  });

  it("marks an orphan interrupted, saying why, when automatic resume is off; POST resume continues it", async () => {
    const orphan = await runOwnedElsewhere(new Date(Date.now() - 1000));
    process.env.TIERFLOW_RESUME = "off";
    try {
      await takeOverExpiredRuns();
    } finally {
      delete process.env.TIERFLOW_RESUME;
    }
    const row = await db.run.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(row.status).toBe("interrupted");
    expect(row.error).toContain("TIERFLOW_RESUME=off");
    // Resuming it by hand continues it; a run that ended otherwise does not resume.
    expect((await resumeRun(workspaceId, orphan.id)).status).toBe("running");
    await runFinished(orphan.id);
    expect((await db.run.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe("succeeded");
    await expect(resumeRun(workspaceId, orphan.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("cancels a run another live process owns through the database, which its owner's heartbeat honours", async () => {
    const run = await startRun(workspaceId, await graphId(), { input: "Compare three message queues", simulation: { speed: 0.05 } });
    // Seen from another process: this one's runs are not in its memory.
    const active = runtime.active.get(run.id)!;
    runtime.active.delete(run.id);
    const cancelling = cancelRun(workspaceId, run.id);
    await expect.poll(async () => (await db.run.findUniqueOrThrow({ where: { id: run.id } })).cancelRequested).toBe(true);
    runtime.active.set(run.id, active);
    await renewLeases();
    expect((await cancelling).status).toBe("cancelled");
  });

  it("on shutdown, checkpoints a run in flight and leaves it running, free for the next process", async () => {
    const run = await startRun(workspaceId, await graphId(), { input: "Compare three message queues", simulation: { speed: 0.05 } });
    await expect.poll(async () => db.runEvent.count({ where: { runId: run.id, type: "node.started" } })).toBeGreaterThan(0);
    await drainRuns(0);
    runtime.draining = false;
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("running");
    expect(row.ownerId).toBeNull();
    const events = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
    expect(events.some((e) => e.type === "run.cancelled")).toBe(false);
    // The next process replays the run at its stored speed; this one finishes it at once.
    expect(row.simulation).toMatchObject({ speed: 0.05 });
    await db.run.update({ where: { id: run.id }, data: { simulation: { speed: 0 } } });
    await takeOverExpiredRuns();
    await runFinished(run.id);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("succeeded");
  });

  it("lets go of a run another process took over, without ending it", async () => {
    const run = await startRun(workspaceId, await graphId(), { input: "Compare three message queues", simulation: { speed: 0.05 } });
    await db.run.update({ where: { id: run.id }, data: { ownerId: "the-process-that-took-over" } });
    await renewLeases();
    await runFinished(run.id);
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row).toMatchObject({ status: "running", ownerId: "the-process-that-took-over" });
  });
});
