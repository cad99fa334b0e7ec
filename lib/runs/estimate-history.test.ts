import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { createCollection, documentEstimate, uploadDocuments } from "@/lib/documents";
import { estimateRunCost } from "@/lib/engine/estimate";
import { TEMPLATES } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models/catalog";
import { loadEstimateHistory } from "./estimate-history";
import { runFinished, startRun } from "./service";

const template = TEMPLATES.find((t) => t.id === "triage-at-scale")!;
let workspaceId = "";

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
});

describe("loadEstimateHistory", () => {
  it("reads a graph's succeeded runs in the same mode, oldest first, with each node's usage and model calls", async () => {
    const graph = await db.graph.create({ data: { workspaceId, name: "History graph", document: template.graph as object } });
    const ids: string[] = [];
    for (const input of ["Triage ticket batch one", "Triage ticket batch two", "Triage ticket batch three"]) {
      const run = await startRun(workspaceId, graph.id, { input, simulation: { speed: 0 } });
      await runFinished(run.id);
      ids.push(run.id);
    }
    // A failed run and a run of another graph never count.
    await db.run.update({ where: { id: ids[1] }, data: { status: "failed" } });
    const other = await db.graph.create({ data: { workspaceId, name: "Other graph", document: template.graph as object } });
    await runFinished((await startRun(workspaceId, other.id, { input: "Elsewhere", simulation: { speed: 0 } })).id);

    const history = await loadEstimateHistory(workspaceId, graph.id, { simulated: true });
    expect(history.map((r) => r.runId)).toEqual([ids[0], ids[2]]);
    expect(await loadEstimateHistory(workspaceId, graph.id, { simulated: false })).toEqual([]);

    const rows = await db.runNode.findMany({ where: { runId: ids[2] } });
    const events = await db.runEvent.findMany({ where: { runId: ids[2], type: "node.usage" }, select: { data: true } });
    for (const row of rows) {
      const node = history[1].nodes.find((n) => n.nodeId === row.nodeId)!;
      expect(node).toMatchObject({ role: row.role, model: row.model, instances: row.instances, usage: row.usage });
      expect(node.calls).toBe(events.filter((e) => (e.data as { nodeId: string }).nodeId === row.nodeId).length);
      expect(node.calls).toBeGreaterThan(0);
    }

    // Calibrated on these runs, the estimate names them per node and measures itself on the later one.
    const estimate = estimateRunCost(template.graph, "Triage ticket batch four", DEFAULT_CATALOG, { simulated: true, history });
    expect(estimate.nodes.every((n) => n.basis.kind === "history" && n.basis.runs === 2)).toBe(true);
    expect(estimate.accuracy?.runs).toBe(1);
  });

  it("carries what each past run's attached documents feed the model, and forgets a collection deleted since", async () => {
    const collection = await createCollection(workspaceId, { name: `history docs ${Date.now()}` });
    await uploadDocuments(workspaceId, collection.id, [
      { path: "src/a.ts", bytes: Buffer.from("export const a = 1;\n".repeat(40)) },
      { path: "src/b.ts", bytes: Buffer.from("export const b = 2;\n".repeat(80)) },
    ]);
    const graph = await db.graph.create({ data: { workspaceId, name: "Docs history", document: TEMPLATES.find((t) => t.id === "codebase-docs")!.graph as object } });
    const withDocs = await startRun(workspaceId, graph.id, { input: "Document this repository.", documents: [collection.id], simulation: { speed: 0 } });
    await runFinished(withDocs.id);
    const plain = await startRun(workspaceId, graph.id, { input: "Document the billing module.", simulation: { speed: 0 } });
    await runFinished(plain.id);

    const history = await loadEstimateHistory(workspaceId, graph.id, { simulated: true });
    expect(history.map((r) => r.runId)).toEqual([withDocs.id, plain.id]);
    expect(history[0].documents).toEqual(await documentEstimate(workspaceId, [collection.id]));
    expect(history[1].documents).toBeUndefined();

    await db.documentCollection.delete({ where: { id: collection.id } });
    const after = await loadEstimateHistory(workspaceId, graph.id, { simulated: true });
    expect(after[0].documents).toBeUndefined();
    expect(after[0].nodes.length).toBeGreaterThan(0);
  });
});
