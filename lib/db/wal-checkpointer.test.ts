import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startWalCheckpointer } from "./wal-checkpointer";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function walDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "tierflow-wal-"));
  dirs.push(dir);
  const file = path.join(dir, "test.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)");
  return { db, file };
}

const autocheckpoint = (db: Database.Database) => db.pragma("wal_autocheckpoint", { simple: true });

describe("startWalCheckpointer", () => {
  it("moves committed pages into the database file from its own thread, leaving the writer's own checkpoint for 4,000 pages", async () => {
    const { db, file } = walDatabase();
    startWalCheckpointer(db, file, 20);
    expect(autocheckpoint(db)).toBe(4000);
    const before = statSync(file).size;
    // ~2,000 pages: past SQLite's default of 1,000, short of the writer's backstop.
    const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(Buffer.alloc(4000, i % 256));
    })();
    // Only a checkpoint writes pages into the database file; the writer did not (its threshold is higher).
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 7_000_000), { timeout: 5000, interval: 20 });
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 2000 });
    db.close();
  });

  it("gives the writer SQLite's default checkpoint back when the thread cannot open the database", async () => {
    const { db, file } = walDatabase();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    startWalCheckpointer(db, `${file}.missing`, 20);
    await vi.waitFor(() => expect(autocheckpoint(db)).toBe(1000), { timeout: 5000, interval: 20 });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("checkpoint thread stopped"), expect.anything());
    db.close();
  });
});
