import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { readRunEvents } from "./event-store";
import { childExecutor } from "./runner";
import { runFinished, startRun } from "./service";

const template = TEMPLATES.find((t) => t.id === "research-review")!;
let workspaceId = "";
let graphId = "";

beforeAll(async () => {
  process.env.TIERFLOW_RUNNER = "process";
  process.env.TIERFLOW_EXECUTORS = "2";
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  graphId = (await db.graph.create({ data: { workspaceId, name: "Shared by two executors", document: template.graph as object } })).id;
  await Promise.all(childExecutor().children.map((child) => child.whenReady()));
}, 120_000);

afterAll(() => {
  childExecutor().stop();
  delete process.env.TIERFLOW_RUNNER;
  delete process.env.TIERFLOW_EXECUTORS;
});

describe("TIERFLOW_EXECUTORS=2", () => {
  it("shares runs between two executor children writing one database; a killed one resumes its own runs while the other's go on", async () => {
    const [first, second] = childExecutor().children;
    expect(childExecutor().children).toHaveLength(2);
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await startRun(workspaceId, graphId, { input: `Compare message queues, take ${i}`, simulation: { speed: 2 } }));
    // Each run goes to the child with fewer: two each.
    const onSecond = runs.filter((run) => second.runs.has(run.id)).map((run) => run.id);
    expect(runs.filter((run) => first.runs.has(run.id))).toHaveLength(2);
    expect(onSecond).toHaveLength(2);

    await expect.poll(async () => Math.min(...(await Promise.all(onSecond.map((id) => db.runEvent.count({ where: { runId: id, type: "node.completed" } }))))), { timeout: 20_000 }).toBeGreaterThan(0);
    second.crash();
    await Promise.all(runs.map((run) => runFinished(run.id)));

    for (const run of runs) {
      const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
      expect(row.status).toBe("succeeded");
      const events = await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
      // Only the killed child's runs resumed; every log is whole and in order.
      expect(events.filter((e) => e.type === "run.resumed")).toHaveLength(onSecond.includes(run.id) ? 1 : 0);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)?.type).toBe("run.completed");
    }
  }, 60_000);
});
