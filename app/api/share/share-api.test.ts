import { beforeAll, describe, expect, it } from "vitest";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { runFinished, startRun } from "@/lib/runs";
import { GET as listLinks, POST as createLink } from "../v1/runs/[id]/shares/route";
import { DELETE as revokeLink } from "../v1/shares/[id]/route";
import { GET as getShared } from "./[token]/route";
import { GET as getSharedEvents } from "./[token]/events/route";

const PROVIDER_KEY = "enc-provider-key-must-not-leak";
const PROVIDER_URL = "https://provider-base-url-must-not-leak.example";

let ownerCookie = "";
let viewerCookie = "";
const owner = requestsAs(() => ownerCookie);
const viewer = requestsAs(() => viewerCookie);
let workspaceId = "";
let runId = "";

const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const create = (as: typeof owner, id: string, body: unknown) =>
  createLink(as(`http://tierflow.test/api/v1/runs/${id}/shares`, { method: "POST", body: JSON.stringify(body) }), params({ id }));
const shared = (token: string) => getShared(new Request(`http://tierflow.test/api/share/${token}`), params({ token }));
const sharedEvents = (token: string) => getSharedEvents(new Request(`http://tierflow.test/api/share/${token}/events`), params({ token }));

beforeAll(async () => {
  ownerCookie = (await signUpForTest({ name: "Share owner" })).cookie;
  workspaceId = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  const reader = await signUpForTest({ name: "Share viewer" });
  await db.membership.create({ data: { workspaceId, userId: reader.userId, role: "viewer" } });
  viewerCookie = reader.cookie;
  const graph = await db.graph.create({ data: { workspaceId, name: "Shared", document: TEMPLATES[0].graph as object } });
  const run = await startRun(workspaceId, graph.id, { input: "Share me", simulation: { speed: 0 } });
  await runFinished(run.id);
  runId = run.id;
  // Set once the run is done, so it runs on the simulator whatever the key would do.
  await db.workspace.update({ where: { id: workspaceId }, data: { providerKeyEncrypted: PROVIDER_KEY, providerBaseUrl: PROVIDER_URL } });
});

describe("share API", () => {
  it("creates a link with its URL from the request origin, and lists it without a token", async () => {
    const response = await create(owner, runId, { hidePrompts: true });
    expect(response.status).toBe(201);
    const link = await response.json();
    expect(link).toMatchObject({ hidePrompts: true, runId });
    expect(link.url).toBe(`http://tierflow.test/share/${link.token}`);
    expect(typeof link.createdAt).toBe("string");

    const listed = await (await listLinks(viewer(`http://tierflow.test/api/v1/runs/${runId}/shares`), params({ id: runId }))).json();
    expect(listed.links.map((l: { id: string }) => l.id)).toContain(link.id);
    expect(JSON.stringify(listed)).not.toContain(link.token);
  });

  it("lets viewers see links but not create or revoke them", async () => {
    expect((await create(viewer, runId, {})).status).toBe(403);
    const link = await (await create(owner, runId, {})).json();
    const refused = await revokeLink(viewer(`http://tierflow.test/api/v1/shares/${link.id}`, { method: "DELETE" }), params({ id: link.id }));
    expect(refused.status).toBe(403);
    expect((await shared(link.token)).status).toBe(200);
  });

  it("serves the run publicly, unindexed, and 404s once revoked", async () => {
    const link = await (await create(owner, runId, {})).json();
    const page = await shared(link.token);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-robots-tag")).toContain("noindex");
    expect((await page.json()).status).toBe("succeeded");
    const stream = await sharedEvents(link.token);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    expect(stream.headers.get("x-robots-tag")).toContain("noindex");
    expect(await stream.text()).toContain('"type":"run.completed"');

    const revoked = await revokeLink(owner(`http://tierflow.test/api/v1/shares/${link.id}`, { method: "DELETE" }), params({ id: link.id }));
    expect(revoked.status).toBe(204);
    for (const response of [await shared(link.token), await sharedEvents(link.token), await shared("tf_share_nope")]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("x-robots-tag")).toContain("noindex");
    }
    expect(await (await shared(link.token)).json()).toEqual(await (await shared("tf_share_nope")).json());
    const again = await revokeLink(owner(`http://tierflow.test/api/v1/shares/${link.id}`, { method: "DELETE" }), params({ id: link.id }));
    expect(again.status).toBe(404);
  });

  it("never puts the workspace's provider secrets in a share payload", async () => {
    for (const hidePrompts of [false, true]) {
      const created = await create(owner, runId, { hidePrompts });
      const createdText = await created.text();
      const { token } = JSON.parse(createdText) as { token: string };
      const payloads = [
        createdText,
        await (await listLinks(owner(`http://tierflow.test/api/v1/runs/${runId}/shares`), params({ id: runId }))).text(),
        await (await shared(token)).text(),
        await (await sharedEvents(token)).text(),
      ];
      for (const payload of payloads) {
        expect(payload).not.toContain(PROVIDER_KEY);
        expect(payload).not.toContain(PROVIDER_URL);
        expect(payload).not.toMatch(/providerKeyEncrypted|providerBaseUrl|workspaceId/);
      }
    }
  });
});
