import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { createModelClient } from "@/lib/models";
import { BullRunQueue } from "./bull-queue";
import { readRunEvents } from "./event-store";
import { operatorHealth } from "./health";
import { queueKind, runQueue } from "./queues";
import { cancelRun, runFinished, startRun } from "./service";

// The "scale" project: real Postgres and Redis. This process plays a web process (it only
// enqueues); the runs execute in `npm run worker` processes spawned here, as in production.
process.env.TIERFLOW_QUEUE = "bullmq";
const template = TEMPLATES.find((t) => t.id === "research-review")!;
let workspaceId = "";
const workers = new Set<ChildProcess>();

/** Starts `npm run worker` (lib/runs/worker-main.ts) against this test's database; resolves once it takes jobs. */
function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/runs/worker-main.ts"], {
    env: { ...process.env, TIERFLOW_QUEUE: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.add(child);
  child.on("exit", () => workers.delete(child));
  let log = "";
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("ready:")) resolve(child);
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${log}`)));
  });
}

async function stopWorkers(): Promise<void> {
  await Promise.all([...workers].map((child) => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGKILL")))));
}

async function graphId(): Promise<string> {
  return (await db.graph.create({ data: { workspaceId, name: "Worker graph", document: template.graph as object } })).id;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const statuses = (ids: string[]) => db.run.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, startedAt: true, endedAt: true, costNanoUsd: true } });

/** What a viewer of the stored log would see twice if work were done twice. */
async function completionsOf(runId: string) {
  const events = await readRunEvents(runId, 0, Number.MAX_SAFE_INTEGER);
  const keys = events.filter((event) => event.type === "node.completed").map((event) => ("nodeId" in event ? `${event.nodeId}#${event.instance}@${event.iteration}` : ""));
  return { events, keys };
}

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
});
afterEach(stopWorkers);
afterAll(async () => {
  await stopWorkers();
  await (runQueue() as BullRunQueue).close();
});

describe("BullMQ workers", () => {
  it("queues a started run on BullMQ, and a worker process executes it", async () => {
    expect(queueKind()).toBe("bullmq");
    const run = await startRun(workspaceId, await graphId(), { input: "Compare three message queues", simulation: { speed: 0 } });
    expect(run.status).toBe("queued");
    // Operators see it waiting for a worker, deployment-wide.
    const health = await operatorHealth(workspaceId);
    expect(health.queue).toMatchObject({ kind: "bullmq", active: 0 });
    expect(health.queue.waiting).toBeGreaterThanOrEqual(1);
    expect(health.executingRuns).toBe(0);
    await startWorker({ TIERFLOW_WORKER_CONCURRENCY: "2" });
    // Waits for a run a worker executes (experiments grade runs this way).
    await runFinished(run.id);
    const [done] = await statuses([run.id]);
    expect(done.status).toBe("succeeded");
    const { events, keys } = await completionsOf(run.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe("run.completed");
    expect(new Set(keys).size).toBe(keys.length);
    // Its job is gone once the run ended: the queue holds nothing for it. The worker stores the
    // outcome before BullMQ marks the job done, so the job may be active for a moment after.
    expect(await until("the job to leave the queue", () => runQueue().counts(), (counts) => counts.active === 0, 10_000)).toEqual({ waiting: 0, active: 0 });
  });

  it("refuses a ready model client, which cannot cross to a worker process", async () => {
    await expect(startRun(workspaceId, await graphId(), { input: "x" }, createModelClient())).rejects.toThrow(/cannot be handed to a worker process/);
  });

  it("reaches the worker with a cancel through Redis, long before its lease heartbeat would", async () => {
    // A 60 s lease: the heartbeat that reads the database's cancel flag runs every 20 s.
    await startWorker({ TIERFLOW_RUN_LEASE_S: "60" });
    const run = await startRun(workspaceId, await graphId(), { input: "Compare three message queues", simulation: { speed: 1 } });
    await until("the run to start", () => db.run.findUniqueOrThrow({ where: { id: run.id } }), (r) => r.status === "running" && r.lastSeq > 1);
    const asked = Date.now();
    const cancelled = await cancelRun(workspaceId, run.id);
    const took = Date.now() - asked;
    console.log(`cancel through Redis reached the worker and ended the run in ${took} ms`);
    expect(cancelled.status).toBe("cancelled");
    expect(took).toBeLessThan(20_000);
    expect((await completionsOf(run.id)).events.at(-1)?.type).toBe("run.cancelled");
  });

  it("finishes the runs of a worker killed mid-run on another worker, with nothing done twice", async () => {
    const lease = { TIERFLOW_RUN_LEASE_S: "2", TIERFLOW_WORKER_CONCURRENCY: "4" };
    const doomed = await startWorker(lease);
    const graph = await graphId();
    const runs = await Promise.all([1, 2, 3].map((i) => startRun(workspaceId, graph, { input: `Compare message queues, take ${i}`, simulation: { speed: 2 } })));
    const ids = runs.map((run) => run.id);
    // Killed once every run has finished some work, so each must resume from its log.
    await until(
      "every run to store a node.completed",
      () => Promise.all(ids.map((id) => db.runEvent.count({ where: { runId: id, type: "node.completed" } }))),
      (counts) => counts.every((count) => count > 0),
    );
    doomed.kill("SIGKILL");
    await startWorker(lease);
    const ended = await until("the runs to end", () => statuses(ids), (rows) => rows.every((r) => r.status !== "queued" && r.status !== "running"), 90_000);
    for (const row of ended) {
      expect(row.status).toBe("succeeded");
      const { events, keys } = await completionsOf(row.id);
      expect(events.some((event) => event.type === "run.resumed")).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
      const nodes = await db.runNode.findMany({ where: { runId: row.id } });
      expect(nodes.reduce((sum, node) => sum + (node.costNanoUsd ?? 0), 0)).toBeCloseTo(row.costNanoUsd, 3);
    }
  }, 120_000);

  it("on SIGTERM stops taking runs, checkpoints the one under way and exits; the next worker finishes it", async () => {
    const stopping = await startWorker({ TIERFLOW_SHUTDOWN_GRACE_S: "0" });
    const run = await startRun(workspaceId, await graphId(), { input: "Compare three message queues", simulation: { speed: 1 } });
    await until("the run to start", () => db.run.findUniqueOrThrow({ where: { id: run.id } }), (r) => r.status === "running" && r.lastSeq > 1);
    const exited = new Promise<number | null>((resolve) => stopping.once("exit", resolve));
    stopping.kill("SIGTERM");
    expect(await exited).toBe(0);
    // Checkpointed: still running, lease given up, its job back on the queue.
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "running", ownerId: null });
    expect((await runQueue().counts()).waiting).toBe(1);
    await startWorker({});
    await runFinished(run.id);
    const { events, keys } = await completionsOf(run.id);
    expect((await statuses([run.id]))[0].status).toBe("succeeded");
    expect(events.filter((event) => event.type === "run.resumed")).toHaveLength(1);
    expect(new Set(keys).size).toBe(keys.length);
  }, 90_000);

  it("holds a workspace to TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS across workers: over it runs stay queued", async () => {
    const capped = { TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS: "1", TIERFLOW_WORKER_CONCURRENCY: "3" };
    await Promise.all([startWorker(capped), startWorker(capped)]);
    const graph = await graphId();
    const runs = await Promise.all([1, 2, 3].map((i) => startRun(workspaceId, graph, { input: `Capped run ${i}`, simulation: { speed: 20 } })));
    const ids = runs.map((run) => run.id);
    const seen = await until("a run to start", () => statuses(ids), (rows) => rows.some((r) => r.status === "running"));
    expect(seen.filter((r) => r.status === "running")).toHaveLength(1);
    expect(seen.filter((r) => r.status === "queued")).toHaveLength(2);
    const ended = await until("the runs to end", () => statuses(ids), (rows) => rows.every((r) => r.status === "succeeded"), 90_000);
    // One at a time: each run started only after the one before it ended.
    const ordered = [...ended].sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
    for (let i = 1; i < ordered.length; i++) expect(ordered[i].startedAt!.getTime()).toBeGreaterThanOrEqual(ordered[i - 1].endedAt!.getTime());
  }, 120_000);
});
