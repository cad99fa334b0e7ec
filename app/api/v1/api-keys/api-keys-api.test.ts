import { beforeAll, describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { DELETE as revokeKey } from "@/app/api/v1/api-keys/[id]/route";
import { GET as listGraphs, POST as createGraph } from "@/app/api/v1/graphs/route";
import { POST as startRun } from "@/app/api/v1/graphs/[id]/runs/route";
import { PUT as putProvider } from "@/app/api/v1/provider/route";
import { hashToken } from "@/lib/auth/secrets";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { runFinished } from "@/lib/runs";

let cookie = "";
const asOwner = requestsAs(() => cookie);
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const none = params({} as Record<string, never>);
const withKey = (key: string, url: string, init: RequestInit = {}) =>
  new Request(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${key}` } });

beforeAll(async () => {
  cookie = (await signUpForTest({ name: "Key owner" })).cookie; // first account: owns the default workspace
});

async function mintKey(name: string): Promise<{ id: string; key: string; prefix: string }> {
  const response = await createKey(asOwner("http://test/api/v1/api-keys", { method: "POST", body: JSON.stringify({ name }) }), none);
  expect(response.status).toBe(201);
  return response.json();
}

describe("workspace API keys", () => {
  it("shows a new key once, stores only its hash and lists it by prefix", async () => {
    const created = await mintKey("CI pipeline");
    expect(created.key).toMatch(/^tf_key_[A-Za-z0-9_-]{32}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(16);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashToken(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const listing = await (await listKeys(asOwner("http://test/api/v1/api-keys"), none)).text();
    expect(listing).toContain("CI pipeline");
    expect(listing).toContain(created.prefix);
    expect(listing).not.toContain(created.key);
  });

  it("refuses a nameless key", async () => {
    const response = await createKey(asOwner("http://test/api/v1/api-keys", { method: "POST", body: JSON.stringify({ name: "  " }) }), none);
    expect(response.status).toBe(422);
  });

  it("acts as an editor: creates graphs and starts runs, and records when it was used", async () => {
    const { id, key } = await mintKey("Runner");
    const graph = TEMPLATES[0].graph;
    const created = await createGraph(withKey(key, "http://test/api/v1/graphs", { method: "POST", body: JSON.stringify({ name: "By key", graph }) }), none);
    expect(created.status).toBe(201);
    const graphId = (await created.json()).id as string;

    const started = await startRun(
      withKey(key, `http://test/api/v1/graphs/${graphId}/runs`, { method: "POST", body: JSON.stringify({ input: "Summarise glaciers", simulation: { speed: 0 } }) }),
      params({ id: graphId }),
    );
    expect(started.status).toBe(201);
    await runFinished((await started.json()).id);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it("cannot reach owner-only routes: no minting keys, listing them or changing the provider", async () => {
    const { key } = await mintKey("Limited");
    expect((await listKeys(withKey(key, "http://test/api/v1/api-keys"), none)).status).toBe(403);
    expect((await createKey(withKey(key, "http://test/api/v1/api-keys", { method: "POST", body: JSON.stringify({ name: "Escalate" }) }), none)).status).toBe(403);
    expect((await putProvider(withKey(key, "http://test/api/v1/provider", { method: "PUT", body: JSON.stringify({ catalog: null }) }), none)).status).toBe(403);
  });

  it("stops working the moment it is revoked; revoking again changes nothing", async () => {
    const { id, key } = await mintKey("Short-lived");
    expect((await listGraphs(withKey(key, "http://test/api/v1/graphs"), none)).status).toBe(200);

    const revoked = await revokeKey(asOwner(`http://test/api/v1/api-keys/${id}`, { method: "DELETE" }), params({ id }));
    expect(revoked.status).toBe(200);
    const { revokedAt } = await revoked.json();
    expect(typeof revokedAt).toBe("string");

    const refused = await listGraphs(withKey(key, "http://test/api/v1/graphs"), none);
    expect(refused.status).toBe(401);
    const again = await revokeKey(asOwner(`http://test/api/v1/api-keys/${id}`, { method: "DELETE" }), params({ id }));
    expect((await again.json()).revokedAt).toBe(revokedAt);
  });

  it("answers 404 for another workspace's key", async () => {
    const other = await db.workspace.create({ data: { slug: `other-${Date.now()}`, name: "Other" } });
    const foreign = await db.apiKey.create({ data: { workspaceId: other.id, name: "Theirs", prefix: "tf_key_xxxx", keyHash: hashToken(`foreign-${Date.now()}`) } });
    const response = await revokeKey(asOwner(`http://test/api/v1/api-keys/${foreign.id}`, { method: "DELETE" }), params({ id: foreign.id }));
    expect(response.status).toBe(404);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: foreign.id } })).revokedAt).toBeNull();
  });
});
