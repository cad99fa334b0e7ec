import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addCase, createDataset, exportCases, getDataset, importCases, updateCase } from "./datasets";

let workspaceId: string;
beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
});

describe("datasets", () => {
  it("imports after the existing cases, and a file with a bad row changes nothing", async () => {
    const { id } = await createDataset(workspaceId, { name: "Import", grader: { kind: "contains", caseSensitive: false }, cases: [{ input: "first", expected: null, difficulty: 0.5 }] });
    expect(await importCases(workspaceId, id, "csv", "input,expected\nsecond,2\nthird,3\n")).toEqual({ imported: 2 });
    const error = await importCases(workspaceId, id, "jsonl", '{"input":"fourth"}\n{"input":""}\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual([{ row: 2, message: expect.stringContaining("input") }]);
    const dataset = await getDataset(workspaceId, id);
    expect(dataset.cases.map((c) => [c.position, c.input, c.expected])).toEqual([[0, "first", null], [1, "second", "2"], [2, "third", "3"]]);
  });

  it("edits and adds cases, exports them, and hides another workspace's dataset", async () => {
    const { id, cases } = await createDataset(workspaceId, { name: "Edit", grader: { kind: "exact", caseSensitive: false }, cases: [{ input: "q", expected: "a", difficulty: 0.2 }] });
    await updateCase(workspaceId, id, cases[0].id, { input: "q edited", expected: "b", difficulty: 0.9 });
    await addCase(workspaceId, id, { input: "r", expected: null, difficulty: 0.5 });
    expect((await exportCases(workspaceId, id, "csv")).text).toBe("input,expected,difficulty\r\nq edited,b,0.9\r\nr,,0.5\n");
    const other = await db.workspace.create({ data: { slug: "other-ds", name: "Other" } });
    await expect(getDataset(other.id, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateCase(other.id, id, cases[0].id, { input: "x", expected: null, difficulty: 0.5 })).rejects.toMatchObject({ code: "not_found" });
  });
});
