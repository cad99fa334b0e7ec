import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILES } from "./migrate";
import { postgresSchema } from "./postgres-schema";

describe("the Postgres schema", () => {
  it("is the one schema, regenerated: run `npm run db:migration <name>` when this fails", async () => {
    const committed = await readFile(SCHEMA_FILES.postgresql, "utf8");
    expect(committed).toBe(postgresSchema(await readFile(SCHEMA_FILES.sqlite, "utf8")));
  });

  it("differs from it only in provider and client output", () => {
    const pg = postgresSchema('generator client {\n  output = "../lib/generated/prisma"\n}\ndatasource db {\n  provider = "sqlite"\n}\n');
    expect(pg).toContain('output = "../../lib/generated/prisma-pg"');
    expect(pg).toContain('provider = "postgresql"');
    expect(() => postgresSchema("datasource db {}")).toThrow(/update lib\/db\/postgres-schema.ts/);
  });
});
