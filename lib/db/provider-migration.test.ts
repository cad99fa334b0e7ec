import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "./migrate";

const MIGRATION = "20261201233242_model_providers";
const sqlOf = (name: string) => readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");

describe(`migration ${MIGRATION}`, () => {
  it("turns each workspace's stored key (and base URL) into one default provider entry, and leaves keyless workspaces with none", () => {
    const sqlite = new Database(":memory:");
    const earlier = readdirSync(MIGRATIONS_DIR)
      .filter((name) => /^\d+_/.test(name) && name < MIGRATION)
      .sort();
    for (const name of earlier) sqlite.exec(sqlOf(name));
    sqlite.exec(`INSERT INTO "Workspace" ("id", "slug", "name", "providerKeyEncrypted", "providerKeyLast4", "providerBaseUrl", "createdAt", "updatedAt") VALUES
      ('w1', 'a', 'A', 'v1.sealed-1', 'abcd', NULL, 1, 1),
      ('w2', 'b', 'B', 'v1.sealed-2', 'wxyz', 'http://vllm.internal:8000/v1', 1, 1),
      ('w3', 'c', 'C', NULL, NULL, 'http://unused.example/v1', 1, 1)`);

    sqlite.exec(sqlOf(MIGRATION));

    const rows = sqlite.prepare(`SELECT "workspaceId", "name", "kind", "keyEncrypted", "keyLast4", "baseUrl", "isDefault" FROM "ModelProvider" ORDER BY "workspaceId"`).all();
    expect(rows).toEqual([
      { workspaceId: "w1", name: "OpenAI", kind: "openai", keyEncrypted: "v1.sealed-1", keyLast4: "abcd", baseUrl: null, isDefault: 1 },
      { workspaceId: "w2", name: "OpenAI-compatible server", kind: "openai-compatible", keyEncrypted: "v1.sealed-2", keyLast4: "wxyz", baseUrl: "http://vllm.internal:8000/v1", isDefault: 1 },
    ]);
    const columns = sqlite.prepare(`PRAGMA table_info("Workspace")`).all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain("providerKeyEncrypted");
    expect(sqlite.prepare(`SELECT count(*) AS n FROM "Workspace"`).get()).toEqual({ n: 3 });
  });
});
