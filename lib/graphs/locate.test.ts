import { describe, expect, it } from "vitest";
import { signUpForTest } from "@/lib/auth/testing";
import { createWorkspace } from "@/lib/auth/workspace-membership";
import { db } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { myWorkspaceHoldingGraph } from "./locate";

const document = TEMPLATES[0].graph as object;

describe("myWorkspaceHoldingGraph", () => {
  it("names whichever of my workspaces holds the graph, and nothing for a stranger's or a missing one", async () => {
    const ada = await signUpForTest({ name: "Ada" });
    const one = await createWorkspace(ada.userId, "One");
    const two = await createWorkspace(ada.userId, "Two");
    const bob = await signUpForTest({ name: "Bob" });
    const bobs = await createWorkspace(bob.userId, "Bob's");
    const inOne = await db.graph.create({ data: { workspaceId: one.id, name: "In one", document } });
    const inTwo = await db.graph.create({ data: { workspaceId: two.id, name: "In two", document } });
    const inBobs = await db.graph.create({ data: { workspaceId: bobs.id, name: "Bob's graph", document } });

    expect(await myWorkspaceHoldingGraph(ada.userId, inOne.id)).toBe(one.id);
    expect(await myWorkspaceHoldingGraph(ada.userId, inTwo.id)).toBe(two.id);
    expect(await myWorkspaceHoldingGraph(ada.userId, inBobs.id)).toBeNull();
    expect(await myWorkspaceHoldingGraph(ada.userId, "does-not-exist")).toBeNull();
    expect(await myWorkspaceHoldingGraph(bob.userId, inOne.id)).toBeNull();

    // Leaving a workspace closes the way in.
    await db.membership.delete({ where: { workspaceId_userId: { workspaceId: one.id, userId: ada.userId } } });
    expect(await myWorkspaceHoldingGraph(ada.userId, inOne.id)).toBeNull();
  });
});
