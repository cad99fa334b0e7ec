import { beforeAll, describe, expect, it } from "vitest";
import { POST as createKey } from "@/app/api/v1/api-keys/route";
import { GET as health } from "@/app/api/v1/health/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { cancelRun, runFinished, startRun } from "@/lib/runs";

let cookie = "";
let userId = "";
const asOwner = requestsAs(() => cookie);
const none = { params: Promise.resolve({} as Record<string, never>) };

beforeAll(async () => {
  ({ cookie, userId } = await signUpForTest({ name: "Operator" })); // first account: owns the default workspace
});

describe("GET /api/v1/health", () => {
  it("answers anyone with readiness only", async () => {
    const response = await health(new Request("http://test/api/v1/health"));
    expect(response.status).toBe(200);
    expect(Object.keys(await response.json()).sort()).toEqual(["simulated", "status"]);
  });

  it("with detail=1, shows an owner or an API key the runs under way and how far storage trails their events", async () => {
    expect((await health(new Request("http://test/api/v1/health?detail=1"))).status).toBe(401);
    expect((await health(new Request("http://test/api/v1/health?detail=yes"))).status).toBe(400);

    const membership = await db.membership.findFirstOrThrow({ where: { userId } });
    const graph = await db.graph.create({ data: { workspaceId: membership.workspaceId, name: "Slow", document: TEMPLATES[0].graph as object } });
    const run = await startRun(membership.workspaceId, graph.id, { input: "Take your time", simulation: { speed: 0.2 } });
    try {
      const detail = await (await health(asOwner("http://test/api/v1/health?detail=1"))).json();
      expect(detail).toMatchObject({ status: "ok", database: expect.stringMatching(/^(sqlite|postgresql)$/), activeRuns: 1, executingRuns: 1 });
      expect(detail.bus).toBe(process.env.REDIS_URL ? "redis" : "in-process");
      expect(detail.eventLag.unstoredEvents).toBeGreaterThanOrEqual(0);
      expect(detail.eventLag.maxPerRun).toBeLessThanOrEqual(detail.eventLag.unstoredEvents);
      // The embedded queue (also in the scale project, whose runs execute in the test process) executes the run here.
      expect(detail.queue).toMatchObject({ kind: "embedded", waiting: 0, active: 1, runner: "inline" });

      const { key } = await (await createKey(asOwner("http://test/api/v1/api-keys", { method: "POST", body: JSON.stringify({ name: "Monitoring" }) }), none)).json();
      const byKey = await health(new Request("http://test/api/v1/health?detail=1", { headers: { authorization: `Bearer ${key}` } }));
      expect(byKey.status).toBe(200);
      expect(await byKey.json()).toMatchObject({ activeRuns: 1 });

      await db.membership.update({ where: { id: membership.id }, data: { role: "editor" } });
      expect((await health(asOwner("http://test/api/v1/health?detail=1"))).status).toBe(403);
      await db.membership.update({ where: { id: membership.id }, data: { role: "owner" } });
    } finally {
      await cancelRun(membership.workspaceId, run.id);
      await runFinished(run.id);
    }
  });
});
