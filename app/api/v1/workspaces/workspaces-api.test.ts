import { beforeAll, describe, expect, it } from "vitest";
import { hashToken, newToken } from "@/lib/auth/secrets";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { GET as listGraphs } from "../graphs/route";
import { POST as acceptInvitation } from "../invitations/accept/route";
import { DELETE as revokeInvitation } from "../invitations/[id]/route";
import { GET as listInvitations, POST as createInvitation } from "../invitations/route";
import { GET as listMembers } from "../members/route";
import { DELETE as removeMember, PATCH as changeRole } from "../members/[id]/route";
import { TEMPLATES } from "@/lib/graph";
import { createShareLink, runFinished, startRun } from "@/lib/runs";
import { GET as getGraph } from "../graphs/[id]/route";
import { GET as getRun } from "../runs/[id]/route";
import { DELETE as deleteWorkspace, PATCH as renameWorkspace } from "./current/route";
import { GET as listWorkspaces, POST as createWorkspace } from "./route";
import { GET as followIntoWorkspace, POST as switchWorkspace } from "./current/switch/route";

const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const body = (method: string, value: unknown): RequestInit => ({ method, body: JSON.stringify(value) });

/** A signed-up user whose requests carry their session cookie and, once chosen, their active workspace. */
async function person(name: string) {
  const { userId, cookie } = await signUpForTest({ name });
  let active = "";
  const as = requestsAs(() => (active ? `${cookie}; tierflow_workspace=${active}` : cookie));
  return { userId, as, use: (id: string) => void (active = id) };
}

async function newWorkspace(owner: Awaited<ReturnType<typeof person>>, name: string) {
  const response = await createWorkspace(owner.as("http://test/api/v1/workspaces", body("POST", { name })), noParams);
  expect(response.status).toBe(201);
  expect(response.headers.get("set-cookie")).toMatch(/^tierflow_workspace=[^;]+; Path=\/; .*HttpOnly; SameSite=Lax/);
  const workspace = await response.json();
  owner.use(workspace.id);
  return workspace as { id: string; name: string; role: string };
}

async function invite(owner: Awaited<ReturnType<typeof person>>, role: string) {
  const response = await createInvitation(owner.as("http://test/api/v1/invitations", body("POST", { role })), noParams);
  expect(response.status).toBe(201);
  return (await response.json()) as { token: string; path: string; invitation: { id: string; status: string; expiresAt: string } };
}

const accept = (who: Awaited<ReturnType<typeof person>>, token: string) =>
  acceptInvitation(who.as("http://test/api/v1/invitations/accept", body("POST", { token })), noParams);

let first: Awaited<ReturnType<typeof person>>;
beforeAll(async () => {
  first = await person("Default owner"); // claims the default workspace
});

describe("workspaces", () => {
  it("a later account has no workspace until it creates one, and then owns it", async () => {
    const ada = await person("Ada");
    expect((await listGraphs(ada.as("http://test/api/v1/graphs"), noParams)).status).toBe(409);
    const workspace = await newWorkspace(ada, "Ada's lab");
    expect(workspace).toMatchObject({ name: "Ada's lab", role: "owner" });
    const list = await (await listWorkspaces(ada.as("http://test/api/v1/workspaces"), noParams)).json();
    expect(list.activeWorkspaceId).toBe(workspace.id);
    expect(list.workspaces).toEqual([expect.objectContaining({ id: workspace.id, role: "owner" })]);
  });

  it("refuses an empty name, and renaming by anyone but an owner", async () => {
    const ada = await person("Ada");
    const blank = await createWorkspace(ada.as("http://test/api/v1/workspaces", body("POST", { name: "  " })), noParams);
    expect(blank.status).toBe(422);
    await newWorkspace(ada, "Before");
    const renamed = await renameWorkspace(ada.as("http://test/api/v1/workspaces/current", body("PATCH", { name: "After" })), noParams);
    expect(await renamed.json()).toMatchObject({ name: "After" });

    const bob = await person("Bob");
    const { token } = await invite(ada, "editor");
    expect((await accept(bob, token)).status).toBe(200);
    const refused = await renameWorkspace(bob.as("http://test/api/v1/workspaces/current", body("PATCH", { name: "Mine" })), noParams);
    expect(refused.status).toBe(403);
  });

  it("switches only between the caller's own workspaces", async () => {
    const ada = await person("Ada");
    const one = await newWorkspace(ada, "One");
    await newWorkspace(ada, "Two");
    const switched = await switchWorkspace(ada.as("http://test/api/v1/workspaces/current/switch", body("POST", { workspaceId: one.id })), noParams);
    expect(switched.status).toBe(200);
    expect(switched.headers.get("set-cookie")).toContain(`tierflow_workspace=${one.id}`);

    const stranger = await person("Stranger");
    const foreign = await switchWorkspace(stranger.as("http://test/api/v1/workspaces/current/switch", body("POST", { workspaceId: one.id })), noParams);
    expect(foreign.status).toBe(404);
  });

  it("a link into another of my workspaces switches there and goes on, marked; a stranger's workspace answers 404", async () => {
    const ada = await person("Ada");
    const one = await newWorkspace(ada, "One");
    await newWorkspace(ada, "Two");
    const query = new URLSearchParams({ workspaceId: one.id, next: "/graphs/g1" });
    const followed = await followIntoWorkspace(ada.as(`http://test/api/v1/workspaces/current/switch?${query}`), noParams);
    expect(followed.status).toBe(303);
    expect(followed.headers.get("location")).toBe(`/graphs/g1?switched=${one.id}`);
    expect(followed.headers.get("set-cookie")).toContain(`tierflow_workspace=${one.id}`);

    // `next` never leads off the site.
    const offSite = new URLSearchParams({ workspaceId: one.id, next: "//evil.example/x" });
    expect((await followIntoWorkspace(ada.as(`http://test/api/v1/workspaces/current/switch?${offSite}`), noParams)).headers.get("location")).toBe(`/?switched=${one.id}`);

    const stranger = await person("Stranger");
    const foreign = await followIntoWorkspace(stranger.as(`http://test/api/v1/workspaces/current/switch?${query}`), noParams);
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("set-cookie")).toBeNull();
  });

  it("refuses cross-site writes and API keys where a session is needed", async () => {
    const ada = await person("Ada");
    const crossSite = ada.as("http://test/api/v1/workspaces", { ...body("POST", { name: "X" }), headers: { origin: "https://evil.example" } });
    expect((await createWorkspace(crossSite, noParams)).status).toBe(403);
    const keyedAs = (key: string) => new Request("http://test/api/v1/workspaces", { ...body("POST", { name: "X" }), headers: { authorization: `Bearer ${key}` } });
    expect((await createWorkspace(keyedAs("tf_key_unknown"), noParams)).status).toBe(401);
    const workspace = await newWorkspace(ada, "Keyed");
    const key = newToken("tf_key");
    await db.apiKey.create({ data: { workspaceId: workspace.id, name: "CI", prefix: key.slice(0, 12), keyHash: hashToken(key) } });
    expect((await createWorkspace(keyedAs(key), noParams)).status).toBe(403);
    // A key sees its own workspace only.
    const listed = await (await listWorkspaces(keyedAs(key), noParams)).json();
    expect(listed.workspaces).toEqual([expect.objectContaining({ id: workspace.id, role: "editor" })]);
  });
});

describe("deleting a workspace", () => {
  const confirm = (name: string) => body("DELETE", { confirmName: name });

  it("the owner deletes it, after typing its name, with its graphs, runs, events, links, keys and invitations", async () => {
    const ada = await person("Ada");
    const keep = await newWorkspace(ada, "Keep");
    const doomed = await newWorkspace(ada, "Doomed");
    const graph = await db.graph.create({ data: { workspaceId: doomed.id, name: "Doomed graph", document: TEMPLATES[0].graph as object } });
    const run = await startRun(doomed.id, graph.id, { input: "A task", simulation: { speed: 0 } });
    await runFinished(run.id);
    await createShareLink(doomed.id, run.id, { hidePrompts: false, createdById: ada.userId });
    await db.apiKey.create({ data: { workspaceId: doomed.id, name: "CI", prefix: "tf_key_x", keyHash: hashToken(newToken("tf_key")) } });
    await invite(ada, "editor");
    const bob = await person("Bob");
    await accept(bob, (await invite(ada, "viewer")).token);
    await db.modelProvider.create({ data: { workspaceId: doomed.id, name: "OpenAI", kind: "openai", keyEncrypted: "sealed", keyLast4: "abcd", isDefault: true } });
    expect(await db.runEvent.count({ where: { runId: run.id } })).toBeGreaterThan(0);

    // Only an owner, and only with the name typed right.
    bob.use(doomed.id);
    expect((await deleteWorkspace(bob.as("http://test/api/v1/workspaces/current", confirm("Doomed")), noParams)).status).toBe(403);
    const wrongName = await deleteWorkspace(ada.as("http://test/api/v1/workspaces/current", confirm("Keep")), noParams);
    expect(wrongName.status).toBe(422);
    expect((await wrongName.json()).error.message).toContain("“Doomed”");
    expect(await db.workspace.count({ where: { id: doomed.id } })).toBe(1);

    const deleted = await deleteWorkspace(ada.as("http://test/api/v1/workspaces/current", confirm("Doomed")), noParams);
    expect(deleted.status).toBe(204);
    expect(await db.workspace.count({ where: { id: doomed.id } })).toBe(0);
    for (const count of [
      db.graph.count({ where: { workspaceId: doomed.id } }),
      db.run.count({ where: { workspaceId: doomed.id } }),
      db.runEvent.count({ where: { runId: run.id } }),
      db.runNode.count({ where: { runId: run.id } }),
      db.shareLink.count({ where: { workspaceId: doomed.id } }),
      db.apiKey.count({ where: { workspaceId: doomed.id } }),
      db.invitation.count({ where: { workspaceId: doomed.id } }),
      db.membership.count({ where: { workspaceId: doomed.id } }),
    ]) expect(await count).toBe(0);

    // The stale cookie falls back to Ada's other workspace, where the old ids answer 404.
    expect((await getGraph(ada.as(`http://test/api/v1/graphs/${graph.id}`), idParams(graph.id))).status).toBe(404);
    expect((await getRun(ada.as(`http://test/api/v1/runs/${run.id}`), idParams(run.id))).status).toBe(404);
    const left = await (await listWorkspaces(ada.as("http://test/api/v1/workspaces"), noParams)).json();
    expect(left.workspaces.map((w: { id: string }) => w.id)).toEqual([keep.id]);
    // Bob belonged to that workspace only: he now has none, and is asked to create one.
    expect((await listGraphs(bob.as("http://test/api/v1/graphs"), noParams)).status).toBe(409);
  });

  it("is refused while a run is going", async () => {
    const ada = await person("Ada");
    const workspace = await newWorkspace(ada, "Busy");
    await db.run.create({ data: { workspaceId: workspace.id, graphName: "G", graphSnapshot: TEMPLATES[0].graph as object, input: "x", status: "running", simulated: true } });
    const refused = await deleteWorkspace(ada.as("http://test/api/v1/workspaces/current", confirm("Busy")), noParams);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/still going/);
    expect(await db.workspace.count({ where: { id: workspace.id } })).toBe(1);
  });
});

describe("members", () => {
  it("owners change roles; the last owner can be neither demoted nor removed", async () => {
    const ada = await person("Ada");
    await newWorkspace(ada, "Team");
    const bob = await person("Bob");
    await accept(bob, (await invite(ada, "viewer")).token);
    const members = (await (await listMembers(ada.as("http://test/api/v1/members"), noParams)).json()).members as { id: string; userId: string; role: string }[];
    const adaMember = members.find((m) => m.userId === ada.userId)!;
    const bobMember = members.find((m) => m.userId === bob.userId)!;
    expect(bobMember.role).toBe("viewer");

    const bySelf = await changeRole(bob.as(`http://test/api/v1/members/${bobMember.id}`, body("PATCH", { role: "owner" })), idParams(bobMember.id));
    expect(bySelf.status).toBe(403);
    const promoted = await changeRole(ada.as(`http://test/api/v1/members/${bobMember.id}`, body("PATCH", { role: "editor" })), idParams(bobMember.id));
    expect(await promoted.json()).toMatchObject({ role: "editor" });

    const demoteLast = await changeRole(ada.as(`http://test/api/v1/members/${adaMember.id}`, body("PATCH", { role: "viewer" })), idParams(adaMember.id));
    expect(demoteLast.status).toBe(409);
    expect((await demoteLast.json()).error.message).toMatch(/at least one owner/);
    const removeLast = await removeMember(ada.as(`http://test/api/v1/members/${adaMember.id}`, { method: "DELETE" }), idParams(adaMember.id));
    expect(removeLast.status).toBe(409);

    // Bob cannot remove Ada, but may leave.
    expect((await removeMember(bob.as(`http://test/api/v1/members/${adaMember.id}`, { method: "DELETE" }), idParams(adaMember.id))).status).toBe(403);
    expect((await removeMember(bob.as(`http://test/api/v1/members/${bobMember.id}`, { method: "DELETE" }), idParams(bobMember.id))).status).toBe(204);
    expect(await db.membership.count({ where: { userId: bob.userId } })).toBe(0);
  });

  it("another workspace's member ids answer 404", async () => {
    const ada = await person("Ada");
    await newWorkspace(ada, "A");
    const membership = await db.membership.findFirstOrThrow({ where: { userId: first.userId } });
    const response = await changeRole(ada.as(`http://test/api/v1/members/${membership.id}`, body("PATCH", { role: "viewer" })), idParams(membership.id));
    expect(response.status).toBe(404);
  });
});

describe("invitations", () => {
  it("a link joins once, with its role, and makes the workspace active", async () => {
    const ada = await person("Ada");
    const workspace = await newWorkspace(ada, "Invites");
    const created = await invite(ada, "viewer");
    expect(created.token).toMatch(/^tf_inv_/);
    expect(created.path).toBe(`/invite/${created.token}`);
    expect(Date.parse(created.invitation.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(await db.invitation.count({ where: { tokenHash: created.token } })).toBe(0);

    const bob = await person("Bob");
    const joined = await accept(bob, created.token);
    expect(await joined.json()).toMatchObject({ workspaceId: workspace.id, role: "viewer", joined: true });
    expect(joined.headers.get("set-cookie")).toContain(`tierflow_workspace=${workspace.id}`);
    expect((await accept(await person("Carol"), created.token)).status).toBe(410);

    const listed = await (await listInvitations(ada.as("http://test/api/v1/invitations"), noParams)).json();
    expect(listed.invitations[0]).toMatchObject({ id: created.invitation.id, status: "accepted" });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("revoked, expired and unknown links are refused", async () => {
    const ada = await person("Ada");
    await newWorkspace(ada, "Closed");
    const bob = await person("Bob");

    const revoked = await invite(ada, "editor");
    const revoke = await revokeInvitation(ada.as(`http://test/api/v1/invitations/${revoked.invitation.id}`, { method: "DELETE" }), idParams(revoked.invitation.id));
    expect(await revoke.json()).toMatchObject({ status: "revoked" });
    expect((await accept(bob, revoked.token)).status).toBe(410);

    const expired = await invite(ada, "editor");
    await db.invitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await accept(bob, expired.token);
    expect(response.status).toBe(410);
    expect((await response.json()).error.message).toMatch(/expired/);

    expect((await accept(bob, "tf_inv_unknown")).status).toBe(404);
    expect(await db.membership.count({ where: { userId: bob.userId } })).toBe(0);
  });

  it("only owners create, list and revoke invitations; accepting needs a session", async () => {
    const ada = await person("Ada");
    await newWorkspace(ada, "Owners only");
    const bob = await person("Bob");
    await accept(bob, (await invite(ada, "editor")).token);
    bob.use((await db.membership.findFirstOrThrow({ where: { userId: bob.userId } })).workspaceId);
    expect((await createInvitation(bob.as("http://test/api/v1/invitations", body("POST", { role: "owner" })), noParams)).status).toBe(403);
    expect((await listInvitations(bob.as("http://test/api/v1/invitations"), noParams)).status).toBe(403);
    const anonymous = new Request("http://test/api/v1/invitations/accept", body("POST", { token: "tf_inv_x" }));
    expect((await acceptInvitation(anonymous, noParams)).status).toBe(401);
  });
});
