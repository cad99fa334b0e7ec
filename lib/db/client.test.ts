import { describe, expect, it } from "vitest";
import { db, ensureDatabase, sqliteDateTime, sqliteWrite, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { sqliteSynchronous } from "./pragmas";

async function newRun(): Promise<string> {
  await ensureDatabase();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } });
  const run = await db.run.create({ data: { workspaceId: workspace.id, graphName: "g", graphSnapshot: {}, input: "i", status: "running", simulated: true } });
  return run.id;
}

const insertEvent = 'INSERT INTO "RunEvent" ("runId", "seq", "type", "data") VALUES (?, ?, ?, ?)';

describe("the SQLite connection", () => {
  it("runs in WAL mode at the configured synchronous level", async () => {
    await ensureDatabase();
    const [{ journal_mode }] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [{ synchronous }] = await db.$queryRawUnsafe<{ synchronous: bigint }[]>("PRAGMA synchronous");
    expect(journal_mode).toBe("wal");
    expect(Number(synchronous)).toBe(1); // NORMAL, the default
  });

  it("stores what a prepared-statement write commits where Prisma reads it, JSON included", async () => {
    const runId = await newRun();
    const event = { type: "run.started", runId, seq: 1, ts: 5, text: 'quote " and ünïcode' };
    await sqliteWrite((run) => {
      run(insertEvent, runId, 1, event.type, JSON.stringify(event));
      run('UPDATE "Run" SET "lastSeq" = ? WHERE "id" = ?', 1, runId);
    });
    const rows = await db.runEvent.findMany({ where: { runId } });
    expect(rows.map((r) => r.data)).toEqual([event]);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).lastSeq).toBe(1);
  });

  it("rolls the whole write back when it throws, and leaves the connection usable", async () => {
    const runId = await newRun();
    await expect(
      sqliteWrite((run) => {
        run(insertEvent, runId, 1, "run.started", "{}");
        run(insertEvent, runId, 1, "run.started", "{}"); // same key: a constraint error
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.runEvent.count({ where: { runId } })).toBe(0);
    // Prisma's own transactions still work after it (the lock was released, no transaction left open).
    await db.$transaction([db.run.update({ where: { id: runId }, data: { lastSeq: 3 } })]);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).lastSeq).toBe(3);
  });

  it("waits for a Prisma transaction in progress instead of writing into it", async () => {
    const runId = await newRun();
    const order: string[] = [];
    const prisma = db.$transaction(async (tx) => {
      await tx.run.update({ where: { id: runId }, data: { lastSeq: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push("prisma");
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sqliteWrite(() => order.push("raw"));
    await prisma;
    expect(order).toEqual(["prisma", "raw"]);
  });
});

describe("sqliteDateTime", () => {
  it("writes a DateTime exactly as Prisma does, so Prisma reads it back and SQL orders it alike", async () => {
    const runId = await newRun();
    const when = new Date("2026-03-04T05:06:07.089Z");
    await db.run.update({ where: { id: runId }, data: { startedAt: when } });
    await sqliteWrite((run) => run('UPDATE "Run" SET "endedAt" = ? WHERE "id" = ?', sqliteDateTime(when), runId));
    const [raw] = await db.$queryRawUnsafe<{ started: string; ended: string }[]>('SELECT CAST("startedAt" AS TEXT) AS started, CAST("endedAt" AS TEXT) AS ended FROM "Run" WHERE "id" = ?', runId);
    expect(raw.ended).toBe(raw.started);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).endedAt).toEqual(when);
  });
});

describe("sqliteSynchronous", () => {
  it("defaults to NORMAL, accepts full or normal, and refuses anything else", () => {
    expect(sqliteSynchronous({})).toBe("NORMAL");
    expect(sqliteSynchronous({ TIERFLOW_SQLITE_SYNCHRONOUS: " full " })).toBe("FULL");
    expect(() => sqliteSynchronous({ TIERFLOW_SQLITE_SYNCHRONOUS: "off" })).toThrow(/full.*normal/);
  });
});
