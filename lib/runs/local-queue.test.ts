import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { admissionLimits, LocalRunQueue } from "./local-queue";
import { runQueue } from "./queues";
import type { Execution, RunExecutor } from "./run-executor";
import { runFinished } from "./service";
import { admitQueuedRuns } from "./takeover";

/** An executor whose runs end when the test says so, recording the order they started in. */
function fakeExecutor() {
  const started: string[] = [];
  const endings = new Map<string, () => void>();
  const executor: RunExecutor = {
    kind: "inline",
    async execute(runId: string): Promise<Execution> {
      started.push(runId);
      return { started: true, done: new Promise<void>((resolve) => endings.set(runId, resolve)) };
    },
  };
  /** Ends a run and lets the queue admit the next ones. */
  const end = async (runId: string) => {
    endings.get(runId)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { executor, started, end };
}

const run = (workspaceId: string, n: number) => ({ runId: `${workspaceId}-${n}`, workspaceId });

describe("the embedded queue's admission", () => {
  it("caps runs per process, keeps the rest queued first in, first out, and starts them as slots free", async () => {
    const { executor, started, end } = fakeExecutor();
    const queue = new LocalRunQueue(() => executor, { maxActive: 2, maxActivePerWorkspace: 2 });
    const answers = await Promise.all([1, 2, 3, 4].map((n) => queue.enqueue(run("a", n))));
    expect(answers).toEqual(["running", "running", "queued", "queued"]);
    expect(await queue.counts()).toEqual({ waiting: 2, active: 2 });
    await end("a-2");
    expect(started).toEqual(["a-1", "a-2", "a-3"]);
    await end("a-1");
    expect(started).toEqual(["a-1", "a-2", "a-3", "a-4"]);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 2 });
  });

  it("caps runs per workspace, so another workspace's runs start while one workspace's wait", async () => {
    const { executor, started } = fakeExecutor();
    const queue = new LocalRunQueue(() => executor, { maxActive: 4, maxActivePerWorkspace: 2 });
    for (const n of [1, 2, 3]) await queue.enqueue(run("busy", n));
    expect(await queue.enqueue(run("quiet", 1))).toBe("running");
    expect(started).toEqual(["busy-1", "busy-2", "quiet-1"]);
    expect(await queue.counts()).toEqual({ waiting: 1, active: 3 });
  });

  it("gives free slots to waiting workspaces in turn, not to whichever queued most first", async () => {
    const { executor, started, end } = fakeExecutor();
    const queue = new LocalRunQueue(() => executor, { maxActive: 1, maxActivePerWorkspace: 1 });
    await queue.enqueue(run("a", 1));
    for (const n of [2, 3, 4]) await queue.enqueue(run("a", n));
    for (const n of [1, 2]) await queue.enqueue(run("b", n));
    for (const id of ["a-1", "a-2", "b-1", "a-3", "b-2"]) await end(id);
    expect(started).toEqual(["a-1", "a-2", "b-1", "a-3", "b-2", "a-4"]);
  });

  it("withdraws a waiting run, which then never starts, and ignores a run it already has", async () => {
    const { executor, started, end } = fakeExecutor();
    const queue = new LocalRunQueue(() => executor, { maxActive: 1, maxActivePerWorkspace: 1 });
    await queue.enqueue(run("a", 1));
    await queue.enqueue(run("a", 2));
    await queue.enqueue(run("a", 3));
    expect(await queue.enqueue(run("a", 2))).toBe("queued");
    expect(await queue.enqueue(run("a", 1))).toBe("running");
    expect(await queue.withdraw("a-2")).toBe(true);
    expect(await queue.withdraw("a-2")).toBe(false);
    expect(await queue.withdraw("a-1")).toBe(false); // executing, not waiting
    await end("a-1");
    expect(started).toEqual(["a-1", "a-3"]);
  });

  it("frees the slot of a run that was not this process's to start", async () => {
    const started: string[] = [];
    const executor: RunExecutor = {
      kind: "inline",
      async execute(runId) {
        started.push(runId);
        return { started: runId !== "a-1", done: runId === "a-1" ? Promise.resolve() : new Promise(() => {}) };
      },
    };
    const queue = new LocalRunQueue(() => executor, { maxActive: 1, maxActivePerWorkspace: 1 });
    expect(await queue.enqueue(run("a", 1))).toBe("queued");
    await queue.enqueue(run("a", 2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a-1", "a-2"]);
  });

  it("reads its caps from the environment, the workspace cap never above the process cap", () => {
    expect(admissionLimits({})).toEqual({ maxActive: 100, maxActivePerWorkspace: 100 });
    expect(admissionLimits({ TIERFLOW_MAX_ACTIVE_RUNS: "8", TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS: "3" })).toEqual({ maxActive: 8, maxActivePerWorkspace: 3 });
    expect(admissionLimits({ TIERFLOW_MAX_ACTIVE_RUNS: "8", TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS: "30" })).toEqual({ maxActive: 8, maxActivePerWorkspace: 8 });
    expect(() => admissionLimits({ TIERFLOW_MAX_ACTIVE_RUNS: "0" })).toThrow(/TIERFLOW_MAX_ACTIVE_RUNS/);
    expect(() => admissionLimits({ TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS: "two" })).toThrow(/TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS/);
  });
});

describe("queued runs are durable", () => {
  let workspaceId = "";
  beforeAll(async () => {
    await ensureDatabase();
    workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  });

  it("admits runs a stopped server left queued again at start-up, oldest first, and they run to the end", async () => {
    const graph = TEMPLATES.find((t) => t.id === "research-review")!.graph;
    const left = [];
    for (const input of ["First left behind", "Second left behind"]) {
      left.push(
        await db.run.create({
          data: { workspaceId, graphName: "Left queued", graphSnapshot: graph as object, input, status: "queued", simulated: true, simulation: { speed: 0 } },
        }),
      );
    }
    expect(await admitQueuedRuns()).toBe(2);
    // Already admitted: a second pass (another start-up hook, a heartbeat) does not start them twice.
    await admitQueuedRuns();
    for (const { id } of left) await runFinished(id);
    const rows = await db.run.findMany({ where: { id: { in: left.map((r) => r.id) } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    expect(rows[0].startedAt!.getTime()).toBeLessThanOrEqual(rows[1].startedAt!.getTime());
    expect(await db.runEvent.count({ where: { runId: left[0].id, type: "run.started" } })).toBe(1);
    expect(await runQueue().counts()).toEqual({ waiting: 0, active: 0 });
  });
});
