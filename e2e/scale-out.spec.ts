import { randomBytes } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { followEvents, OwnServer, type StreamedEvent } from "./fixtures/own-server";
import { OwnServices, OwnWorker } from "./fixtures/own-worker";

// "Done when" of the scale-out issue: Postgres, Redis, two web processes and two workers; 40
// runs at once, each watched through the web process that did not start it; one worker is
// killed with kill -9 mid-run and the other finishes its runs.
const RUNS = 40;
const PORT = Number(process.env.E2E_PORT ?? 3100) + 11;
// Realistic simulated latency (time to first token, tokens per second per tier).
const SPEED = 1;
const scope = (e: StreamedEvent) => `${e.nodeId}#${e.instance}.${e.iteration}`;

test.describe("scale-out on Postgres, Redis and BullMQ workers", () => {
  test.setTimeout(170_000);
  const services = new OwnServices();
  let web: OwnServer[] = [];
  let workers: OwnWorker[] = [];
  let api: APIRequestContext;

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    services.start();
    const env = {
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      TIERFLOW_SECRET: randomBytes(32).toString("base64url"),
      // A dead worker's runs are taken over 6 s after its last heartbeat. Shorter leases risk a
      // loaded machine (this one runs 40 runs, 4 servers and the test) missing a renewal.
      TIERFLOW_RUN_LEASE_S: "6",
    };
    web = [new OwnServer(PORT, env), new OwnServer(PORT + 1, env)];
    // One at a time: the first migrates the fresh database.
    for (const server of web) await server.start();
    // Each takes at most 25 of the 40, so both have runs under way when one is killed.
    workers = [new OwnWorker({ ...env, TIERFLOW_WORKER_CONCURRENCY: "25" }), new OwnWorker({ ...env, TIERFLOW_WORKER_CONCURRENCY: "25" })];
    await Promise.all(workers.map((worker) => worker.start()));
  });

  test.afterAll(async () => {
    await api?.dispose();
    await Promise.all([...workers.map((worker) => worker.stop("SIGKILL")), ...web.map((server) => server.stop("SIGKILL"))]);
    services.stop();
  });

  test("40 runs at once: all succeed, every viewer on the other web process gets every event in order, a killed worker's runs finish once on the other", async () => {
    const [a, b] = web;
    api = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
    const signUp = await api.post(`${a.base}/api/auth/sign-up/email`, { data: { name: "Operator", email: "scale@example.test", password: "operator-password-1" } });
    expect(signUp.status(), await signUp.text()).toBe(200);
    const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const { templates } = await (await api.get(`${a.base}/api/v1/templates`)).json();
    const graph = templates.find((t: { id: string }) => t.id === "research-review").graph;
    const created = await api.post(`${b.base}/api/v1/graphs`, { data: { name: "Scale-out", graph } });
    expect(created.status()).toBe(201);
    const graphId: string = (await created.json()).id;

    // Half started through each web process; each watched through the other.
    const started = await Promise.all(
      Array.from({ length: RUNS }, async (_, i) => {
        const [starter, viewer] = i % 2 === 0 ? [a, b] : [b, a];
        const response = await api.post(`${starter.base}/api/v1/graphs/${graphId}/runs`, { data: { input: `Compare message brokers, case ${i}`, simulation: { speed: SPEED } } });
        expect(response.status()).toBe(201);
        const body = await response.json();
        expect(body.status).toBe("queued");
        return { id: body.id as string, viewer };
      }),
    );

    // Operators see the queue from either web process.
    const health = await (await api.get(`${a.base}/api/v1/health?detail=1`)).json();
    expect(health.queue.kind).toBe("bullmq");
    expect(health.executingRuns).toBe(0);

    let completions = 0;
    let killed: Promise<void> | null = null;
    const seen = new Map<string, StreamedEvent[]>();
    await Promise.all(
      started.map(async ({ id, viewer }) => {
        const events: StreamedEvent[] = [];
        seen.set(id, events);
        // Like EventSource: reconnect with Last-Event-ID until the final event.
        for (let attempt = 0; attempt < 200 && !events.some((e) => e.type.startsWith("run.") && e.type !== "run.started" && e.type !== "run.resumed"); attempt++) {
          await followEvents(viewer.base, cookie, id, events.at(-1)?.seq ?? 0, (event) => {
            events.push(event);
            if (event.type !== "node.completed") return;
            // Mid-run for most of them: a few nodes of the 40 runs have finished.
            if (++completions === RUNS && !killed) killed = workers[0].stop("SIGKILL");
          });
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }),
    );
    expect(killed).not.toBeNull();
    await killed;

    let resumed = 0;
    for (const { id } of started) {
      const events = seen.get(id)!;
      // Every event once, in order, without a gap, ending with the run's success.
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)?.type).toBe("run.completed");
      if (events.some((e) => e.type === "run.resumed")) resumed++;
      // Nothing done twice: one completion per instance and pass.
      const keys = events.filter((e) => e.type === "node.completed").map(scope);
      expect(new Set(keys).size).toBe(keys.length);
      const run = await (await api.get(`${a.base}/api/v1/runs/${id}`)).json();
      expect(run.status).toBe("succeeded");
      const nodeSum = run.nodes.reduce((sum: number, node: { costUsd: number | null }) => sum + (node.costUsd ?? 0), 0);
      expect(run.costUsd).toBeCloseTo(nodeSum, 9);
      const charged = events.filter((e) => e.type === "node.usage").reduce((sum, e) => sum + ((e.costNanoUsd as number | null) ?? 0), 0);
      expect(run.costUsd).toBeCloseTo(charged / 1e9, 9);
    }
    // The killed worker had runs under way; the other finished them from their logs.
    expect(resumed).toBeGreaterThan(0);
    console.log(`${RUNS} runs succeeded; ${resumed} resumed on the surviving worker after kill -9`);
  });
});
