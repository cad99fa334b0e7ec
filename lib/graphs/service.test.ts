import { beforeAll, describe, expect, it } from "vitest";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import { TEMPLATES, type GraphDocument } from "@/lib/graph";
import { createGraph, getGraphDocument, updateGraph } from "./service";

let workspaceId = "";

beforeAll(async () => {
  await ensureDatabase();
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
});

const template = TEMPLATES[0].graph;
const relabelled = (graph: GraphDocument, label: string): GraphDocument => ({ ...graph, nodes: graph.nodes.map((node, i) => (i === 0 ? { ...node, label } : node)) });

describe("getGraphDocument", () => {
  it("answers the stored document, read once per version: the same object until a save", async () => {
    const { id } = await createGraph(workspaceId, { name: "Read once", graph: template });
    const first = await getGraphDocument(workspaceId, id);
    expect(first).toEqual({ name: "Read once", graph: template });
    expect((await getGraphDocument(workspaceId, id)).graph).toBe(first.graph);

    await updateGraph(workspaceId, id, { name: "Read again", graph: relabelled(template, "Edited") });
    const edited = await getGraphDocument(workspaceId, id);
    expect(edited.name).toBe("Read again");
    expect(edited.graph.nodes[0].label).toBe("Edited");
  });

  it("reads a save made by another process, which bumped the version in the database", async () => {
    const { id } = await createGraph(workspaceId, { name: "Elsewhere", graph: template });
    await getGraphDocument(workspaceId, id);
    await db.graph.update({ where: { id }, data: { document: relabelled(template, "From elsewhere") as object, version: { increment: 1 } } });
    expect((await getGraphDocument(workspaceId, id)).graph.nodes[0].label).toBe("From elsewhere");
  });

  it("answers 404 for another workspace's graph, even one it has read", async () => {
    const { id } = await createGraph(workspaceId, { name: "Mine", graph: template });
    await getGraphDocument(workspaceId, id);
    const other = await db.workspace.create({ data: { slug: `other-${Date.now()}`, name: "Other" } });
    await expect(getGraphDocument(other.id, id)).rejects.toMatchObject({ code: "not_found" });
  });
});
