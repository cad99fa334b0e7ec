import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db, ensureDatabase } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { myWorkspaceHoldingRun } from "./locate";

beforeAll(() => ensureDatabase());

// lib/runs sits below lib/auth: accounts and memberships are made as plain rows here.
async function person() {
  const id = randomUUID();
  await db.user.create({ data: { id, name: "Someone", email: `${id}@example.test` } });
  return { userId: id };
}

async function createWorkspace(userId: string, name: string) {
  return db.workspace.create({ data: { name, slug: randomUUID(), members: { create: { userId, role: "owner" } } } });
}

async function runIn(workspaceId: string) {
  return db.run.create({ data: { workspaceId, graphName: "A graph", graphSnapshot: TEMPLATES[0].graph as object, input: "Task", status: "succeeded", simulated: true } });
}

describe("myWorkspaceHoldingRun", () => {
  it("names whichever of my workspaces holds the run, and nothing for a stranger's or a missing one", async () => {
    const ada = await person();
    const one = await createWorkspace(ada.userId, "One");
    const two = await createWorkspace(ada.userId, "Two");
    const bob = await person();
    const bobs = await createWorkspace(bob.userId, "Bob's");
    const [inOne, inTwo, inBobs] = await Promise.all([runIn(one.id), runIn(two.id), runIn(bobs.id)]);

    expect(await myWorkspaceHoldingRun(ada.userId, inOne.id)).toBe(one.id);
    expect(await myWorkspaceHoldingRun(ada.userId, inTwo.id)).toBe(two.id);
    expect(await myWorkspaceHoldingRun(ada.userId, inBobs.id)).toBeNull();
    expect(await myWorkspaceHoldingRun(ada.userId, "does-not-exist")).toBeNull();
    expect(await myWorkspaceHoldingRun(bob.userId, inTwo.id)).toBeNull();
  });
});
