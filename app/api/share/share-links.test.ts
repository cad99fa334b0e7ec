/**
 * Auditing share links: a run's list and the workspace-wide one show each link's options,
 * creator, age and last view (never its token), a view of the shared run updates "last
 * viewed" (at most once a minute), and viewers may list but not revoke.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { runFinished, startRun } from "@/lib/runs";
import { GET as listRunLinks, POST as createLink } from "../v1/runs/[id]/shares/route";
import { GET as listWorkspaceLinks } from "../v1/shares/route";
import { DELETE as revokeLink } from "../v1/shares/[id]/route";
import { GET as getShared } from "./[token]/route";
import { GET as getSharedEvents } from "./[token]/events/route";

type Listed = { id: string; runId: string; hidePrompts: boolean; showTask: boolean; createdAt: string; createdBy: { name: string } | null; lastViewedAt: string | null; run?: { id: string; graphName: string } };

let ownerCookie = "";
let viewerCookie = "";
let strangerCookie = "";
const owner = requestsAs(() => ownerCookie);
const viewer = requestsAs(() => viewerCookie);
const stranger = requestsAs(() => strangerCookie);
let runId = "";

const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const create = async (body: unknown): Promise<Listed & { token: string }> => {
  const response = await createLink(owner(`http://tierflow.test/api/v1/runs/${runId}/shares`, { method: "POST", body: JSON.stringify(body) }), params({ id: runId }));
  expect(response.status).toBe(201);
  return response.json();
};
const runLinks = async (as = viewer): Promise<Listed[]> => (await (await listRunLinks(as(`http://tierflow.test/api/v1/runs/${runId}/shares`), params({ id: runId }))).json()).links;
const workspaceLinks = (as = viewer, query = "") => listWorkspaceLinks(as(`http://tierflow.test/api/v1/shares${query}`), params({}));
const revoke = (as: typeof owner, id: string) => revokeLink(as(`http://tierflow.test/api/v1/shares/${id}`, { method: "DELETE" }), params({ id }));
const read = (token: string) => getShared(new Request(`http://tierflow.test/api/share/${token}`), params({ token }));
const lastViewed = async (id: string) => (await db.shareLink.findUniqueOrThrow({ where: { id } })).lastViewedAt;

beforeAll(async () => {
  ownerCookie = (await signUpForTest({ name: "Ada Owner" })).cookie;
  const workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  const reader = await signUpForTest({ name: "Vic Viewer" });
  await db.membership.create({ data: { workspaceId, userId: reader.userId, role: "viewer" } });
  viewerCookie = reader.cookie;
  const other = await signUpForTest({ name: "Stan Stranger" });
  await db.workspace.create({ data: { slug: "elsewhere", name: "Elsewhere", members: { create: { userId: other.userId, role: "owner" } } } });
  strangerCookie = other.cookie;
  const graph = await db.graph.create({ data: { workspaceId, name: "Quarterly research", document: TEMPLATES[0].graph as object } });
  const run = await startRun(workspaceId, graph.id, { input: "Audit me", simulation: { speed: 0 } });
  await runFinished(run.id);
  runId = run.id;
}, 60_000);

describe("listing share links", () => {
  it("shows each link's options, creator and age, never viewed, in the run's list and the workspace's, without tokens", async () => {
    const plain = await create({});
    const hidden = await create({ hidePrompts: true, showTask: true });
    const expected = (link: Listed) => ({ id: link.id, runId, hidePrompts: link.hidePrompts, showTask: link.showTask, createdAt: link.createdAt, createdBy: { id: expect.any(String), name: "Ada Owner" }, lastViewedAt: null });

    const forRun = await runLinks();
    expect(forRun.slice(0, 2)).toEqual([expected(hidden), expected(plain)]);
    expect(hidden).toMatchObject({ hidePrompts: true, showTask: true, createdBy: { name: "Ada Owner" }, lastViewedAt: null });

    const response = await workspaceLinks();
    expect(response.status).toBe(200);
    const text = await response.text();
    const { links } = JSON.parse(text) as { links: Listed[] };
    expect(links.slice(0, 2)).toEqual([
      { ...expected(hidden), run: { id: runId, graphName: "Quarterly research", status: "succeeded", createdAt: expect.any(String) } },
      { ...expected(plain), run: { id: runId, graphName: "Quarterly research", status: "succeeded", createdAt: expect.any(String) } },
    ]);
    for (const token of [plain.token, hidden.token]) expect(text).not.toContain(token.slice(9));
  });

  it("records when a shared run is read, through its API or its stream, at most once a minute", async () => {
    const link = await create({});
    const before = Date.now();
    expect((await read(link.token)).status).toBe(200);
    const first = await lastViewed(link.id);
    expect(first?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await runLinks()).find((l) => l.id === link.id)?.lastViewedAt).toBe(first?.toISOString());

    // A page polling its run writes nothing more within the minute.
    await read(link.token);
    expect(await lastViewed(link.id)).toEqual(first);

    const earlier = new Date(Date.now() - 5 * 60_000);
    await db.shareLink.update({ where: { id: link.id }, data: { lastViewedAt: earlier } });
    const stream = await getSharedEvents(new Request(`http://tierflow.test/api/share/${link.token}/events`), params({ token: link.token }));
    await stream.text();
    expect((await lastViewed(link.id))!.getTime()).toBeGreaterThan(earlier.getTime() + 60_000);

    // A revoked link's visits change nothing.
    await revoke(owner, link.id);
    await db.shareLink.update({ where: { id: link.id }, data: { lastViewedAt: earlier } });
    expect((await read(link.token)).status).toBe(404);
    expect(await lastViewed(link.id)).toEqual(earlier);
  });

  it("pages the workspace's list with a cursor, and refuses a bad query", async () => {
    await create({});
    const all = (await (await workspaceLinks(owner, "?limit=100")).json()) as { links: Listed[]; nextCursor: string | null };
    expect(all.links.length).toBeGreaterThanOrEqual(3);
    expect(all.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await workspaceLinks(owner, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json()) as { links: Listed[]; nextCursor: string | null };
      expect(page.links.length).toBeLessThanOrEqual(2);
      seen.push(...page.links.map((l) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.links.map((l) => l.id));

    expect((await workspaceLinks(owner, "?limit=0")).status).toBe(400);
    expect((await workspaceLinks(owner, "?limit=lots")).status).toBe(400);
  });

  it("keeps each workspace's links to itself", async () => {
    const mine = await create({});
    const theirs = (await (await workspaceLinks(stranger)).json()) as { links: Listed[]; nextCursor: string | null };
    expect(theirs).toEqual({ links: [], nextCursor: null });
    // My link's id as their cursor answers like an id that does not exist.
    const foreign = await workspaceLinks(stranger, `?cursor=${mine.id}`);
    const missing = await workspaceLinks(stranger, "?cursor=does-not-exist");
    expect(missing.status).toBe(404);
    expect([foreign.status, await foreign.text()]).toEqual([404, await missing.text()]);
    expect((await revoke(stranger, mine.id)).status).toBe(404);
    expect((await read(mine.token)).status).toBe(200);
  });

  it("lets a viewer list but not revoke; a revoked link leaves both lists", async () => {
    const link = await create({ hidePrompts: true });
    expect((await revoke(viewer, link.id)).status).toBe(403);
    expect((await runLinks()).map((l) => l.id)).toContain(link.id);

    expect((await revoke(owner, link.id)).status).toBe(204);
    expect((await runLinks()).map((l) => l.id)).not.toContain(link.id);
    const { links } = (await (await workspaceLinks(viewer, "?limit=100")).json()) as { links: Listed[] };
    expect(links.map((l) => l.id)).not.toContain(link.id);
  });
});
