import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/lib/db";
import { createCollection, uploadDocuments } from "@/lib/documents";
import type { RunEvent } from "@/lib/engine/events";
import { getTemplate } from "@/lib/graph/templates";
import { createGraph } from "@/lib/graphs/service";
import { readRunEvents } from "./event-store";
import { runFinished, startRun } from "./service";

let workspaceId = "";
let collectionId = "";
let foreignCollectionId = "";
const REPO = {
  "shop/README.md": "# Shop\n\nA tiny shop.\n",
  "shop/src/cart.ts": "export function addItem(cart, item) {\n  return [...cart, item];\n}\n",
  "shop/src/pricing.py": "def total(items):\n    return sum(i.price for i in items)\n",
  "shop/src/server.go": "package main\n\nfunc main() {}\n",
  "shop/test/cart.test.ts": 'test("adds", () => {});\n',
  "shop/package-lock.json": "{}\n",
};

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.create({ data: { slug: `doc-runs-${Date.now()}`, name: "Doc runs" } })).id;
  const otherId = (await db.workspace.create({ data: { slug: `doc-runs-other-${Date.now()}`, name: "Other" } })).id;
  collectionId = (await createCollection(workspaceId, { name: "shop repo" })).id;
  foreignCollectionId = (await createCollection(otherId, { name: "theirs" })).id;
  await uploadDocuments(
    workspaceId,
    collectionId,
    Object.entries(REPO).map(([path, text]) => ({ path, bytes: Buffer.from(text) })),
  );
});

describe("runs with attached documents", () => {
  it("runs the Codebase documentation template: one summariser per relevant file, each reading it, the docs naming them", async () => {
    const graph = await createGraph(workspaceId, { name: "Docs", graph: getTemplate("codebase-docs")!.graph });
    expect(graph.problems).toEqual([]);
    const run = await startRun(workspaceId, graph.id, { input: "Document this repository.", documents: [collectionId], simulation: { speed: 0 } });
    await runFinished(run.id);
    const events: RunEvent[] = await readRunEvents(run.id);
    const stored = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored).toMatchObject({ status: "succeeded", documents: [collectionId] });

    const relevant = ["shop/README.md", "shop/src/cart.ts", "shop/src/pricing.py", "shop/src/server.go"];
    const plan = events.find((e) => e.type === "node.completed" && e.nodeId === "file-classifier");
    expect(plan?.type === "node.completed" && plan.plan?.map((s) => s.title)).toEqual(relevant);
    const reads = events.flatMap((e) => (e.type === "node.tool_call" && e.tool === "read_file" ? [[e.instance, JSON.parse(e.arguments).path]] : []));
    expect(reads.sort()).toEqual(relevant.map((path, i) => [i, path]));
    const results = events.filter((e) => e.type === "node.tool_result" && e.tool === "read_file");
    expect(results.every((e) => e.type === "node.tool_result" && e.ok)).toBe(true);
    for (const path of relevant) expect(stored.output).toContain(`\`${path}\``);
    expect(stored.output).not.toContain("cart.test.ts");
  }, 60_000);

  it("refuses another workspace's collection before the run exists", async () => {
    const graph = await createGraph(workspaceId, { name: "Docs 2", graph: getTemplate("codebase-docs")!.graph });
    const before = await db.run.count({ where: { workspaceId } });
    await expect(startRun(workspaceId, graph.id, { input: "Go", documents: [foreignCollectionId], simulation: { speed: 0 } })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.run.count({ where: { workspaceId } })).toBe(before);
  });
});
