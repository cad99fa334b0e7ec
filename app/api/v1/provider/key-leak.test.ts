/**
 * The workspace's provider key must never leave the server: not in an API answer, a run
 * event, a stored row, a share link or a log line. Runs go through the route handlers to a
 * local OpenAI-compatible server that proxies to the simulator, or answers 401 echoing the key.
 * That server is on 127.0.0.1, so the outbound guard refuses it until the operator allow-lists
 * it (`TIERFLOW_OUTBOUND_ALLOW_HOSTS`), as a self-hoster with a local model server would.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getGraph } from "@/app/api/v1/graphs/[id]/route";
import { GET as listRuns, POST as startRunRoute } from "@/app/api/v1/graphs/[id]/runs/route";
import { POST as createGraph } from "@/app/api/v1/graphs/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { GET as getProvider } from "@/app/api/v1/provider/route";
import { POST as postProvider } from "@/app/api/v1/providers/route";
import { PATCH as patchProvider } from "@/app/api/v1/providers/[id]/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { GET as getEvents } from "@/app/api/v1/runs/[id]/events/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { TEMPLATES } from "@/lib/graph";
import { createSimulator } from "@/lib/models";
import { createShareLink, getSharedRun, runFinished, streamSharedRun } from "@/lib/runs";

const KEY = `sk-test-LEAKCHECK-${randomBytes(12).toString("hex")}`;
const LAST4 = KEY.slice(-4);

let cookie = "";
let workspaceId = "";
let server: Server;
let baseUrl = "";
const authorizations: string[] = [];
const logged: string[] = [];
const authed = requestsAs(() => cookie);
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const none = params({} as Record<string, never>);
const simulator = createSimulator({ speed: 0 });

async function toRequest(req: IncomingMessage, url: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Request(url, { method: req.method, headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) });
}

beforeAll(async () => {
  // Everything the app logs during the test is kept, to be searched for the key.
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
  }
  const owner = await signUpForTest({ name: "Leak checker" });
  cookie = owner.cookie;
  workspaceId = (await db.membership.findFirstOrThrow({ where: { userId: owner.userId } })).workspaceId;

  server = createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? "");
    void (async () => {
      if (req.url?.startsWith("/deny/")) {
        // What a careless provider does: echo the key it refused.
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.`, type: "invalid_request_error", code: "invalid_api_key" } }));
        return;
      }
      const upstream = await simulator.handle(await toRequest(req, `http://sim.local${req.url}`));
      res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
      res.end(Buffer.from(await upstream.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await new Promise((resolve) => server.close(resolve));
});

/** Every body the API answered in this test, to search for the key at the end. */
const bodies: string[] = [];
async function text(response: Response | Promise<Response>): Promise<string> {
  const body = await (await response).text();
  bodies.push(body);
  return body;
}

let providerId = "";

/** Adds the workspace's default provider the first time, changes it after. */
async function saveProvider(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = providerId
    ? await patchProvider(authed(`http://test/api/v1/providers/${providerId}`, { method: "PATCH", body: JSON.stringify(body) }), params({ id: providerId }))
    : await postProvider(authed("http://test/api/v1/providers", { method: "POST", body: JSON.stringify({ name: "Local proxy", kind: "openai-compatible", isDefault: true, ...body }) }), none);
  const raw = await text(response);
  expect(response.status, raw).toBeLessThan(300);
  const saved = JSON.parse(raw) as { provider: { id: string }; check: { error: string | null } };
  providerId = saved.provider.id;
  return { ...saved.provider, checkError: saved.check.error };
}

/** Runs a graph through the routes and collects every answer about it. */
async function runThroughRoutes(name: string) {
  const created = JSON.parse(await text(createGraph(authed("http://test/api/v1/graphs", { method: "POST", body: JSON.stringify({ name, graph: TEMPLATES[0].graph }) }), none)));
  const graphId = created.id as string;
  const started = await startRunRoute(authed(`http://test/api/v1/graphs/${graphId}/runs`, { method: "POST", body: JSON.stringify({ input: "Explain glaciers" }) }), params({ id: graphId }));
  const { id: runId } = JSON.parse(await text(started));
  await runFinished(runId);
  const run = JSON.parse(await text(getRun(authed(`http://test/api/v1/runs/${runId}`), params({ id: runId }))));
  const events = await text(getEvents(authed(`http://test/api/v1/runs/${runId}/events`), params({ id: runId })));
  await text(listRuns(authed(`http://test/api/v1/graphs/${graphId}/runs`), params({ id: graphId })));
  await text(getGraph(authed(`http://test/api/v1/graphs/${graphId}`), params({ id: graphId })));
  const { token } = await createShareLink(workspaceId, runId, { hidePrompts: false, createdById: null });
  bodies.push(JSON.stringify(await getSharedRun(token)));
  await text(streamSharedRun(token, 0, new AbortController().signal));
  return { runId, run, events };
}

const ASK = "ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS";

describe("a base URL on this machine", () => {
  it("is refused when saved, saying why, and nothing is stored", async () => {
    const body = { name: "Local proxy", kind: "openai-compatible", apiKey: KEY, baseUrl: `${baseUrl}/ok/v1` };
    const response = await postProvider(authed("http://test/api/v1/providers", { method: "POST", body: JSON.stringify(body) }), none);
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toBe(`This base URL is not allowed: 127.0.0.1 is a loopback address; ${ASK}.`);
    expect(await db.modelProvider.count({ where: { workspaceId } })).toBe(0);
    expect(authorizations).toEqual([]);
  });
});

describe("the workspace provider key", () => {
  it("is stored encrypted and answered only as its last four characters", async () => {
    vi.stubEnv("TIERFLOW_OUTBOUND_ALLOW_HOSTS", new URL(baseUrl).host);
    const saved = await saveProvider({ apiKey: KEY, baseUrl: `${baseUrl}/ok/v1` });
    expect(saved).toMatchObject({ hasKey: true, keyLast4: LAST4, isDefault: true });
    const row = await db.modelProvider.findFirstOrThrow({ where: { workspaceId } });
    expect(row.keyEncrypted).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(KEY);
    await text(getProvider(authed("http://test/api/v1/provider"), none));
    const models = JSON.parse(await text(listModels(authed("http://test/api/v1/models"), none)));
    expect(models.simulated).toBe(false);
  });

  it("is what real runs send, and a run through it succeeds", async () => {
    const { run } = await runThroughRoutes("Real path");
    expect(run).toMatchObject({ status: "succeeded", simulated: false });
    expect(authorizations.length).toBeGreaterThan(0);
    expect(authorizations.every((header) => header === `Bearer ${KEY}`)).toBe(true);
  });

  it("is redacted from a provider's 401 that echoes it", async () => {
    const denied = await saveProvider({ apiKey: "", baseUrl: `${baseUrl}/deny/v1` }); // "" keeps the stored key
    // Saving tested it: the 401 is the warning, with the key it echoed redacted.
    expect(denied.checkError).toContain("Incorrect API key provided: [redacted]");
    const { runId, run, events } = await runThroughRoutes("Refused");
    expect(run.status).toBe("failed");
    expect(events).toContain("Incorrect API key provided");
    expect(events).toContain("[redacted]");
    const nodes = await db.runNode.findMany({ where: { runId } });
    expect(nodes.some((node) => node.error?.includes("Incorrect API key provided"))).toBe(true);
  });

  it("never reaches a stored base URL the operator no longer allows: the run says why, the target's answer is never asked for", async () => {
    vi.unstubAllEnvs(); // the base URL (/deny/, whose 401 echoes the key) stays stored
    const asked = authorizations.length;
    const { runId, run, events } = await runThroughRoutes("No longer allowed");
    expect(run.status).toBe("failed");
    expect(authorizations.length).toBe(asked);
    const reason = `Refused to connect to ${new URL(baseUrl).host}: 127.0.0.1 is a loopback address; ${ASK}`;
    expect(events).toContain(reason);
    expect(events).not.toContain("Incorrect API key provided");
    // A refusal is final: no retries, and the node's error is the reason itself.
    expect(events).not.toContain('"type":"node.retry"');
    const failed = await db.runNode.findMany({ where: { runId, status: "failed" } });
    expect(failed.length).toBeGreaterThan(0);
    for (const node of failed) expect(node.error).toBe(`Model call to ${node.error?.split(" ")[3]} failed: ${reason}`);
  });

  it("appears nowhere: answers, stored events, run rows and logs", async () => {
    const stored = [
      ...(await db.runEvent.findMany({ where: { run: { workspaceId } } })),
      ...(await db.run.findMany({ where: { workspaceId } })),
      ...(await db.runNode.findMany({ where: { run: { workspaceId } } })),
    ];
    expect(stored.length).toBeGreaterThan(10);
    const haystacks = [...bodies, JSON.stringify(stored), ...logged];
    expect(bodies.join("\n")).toContain(LAST4);
    for (const haystack of haystacks) expect(haystack).not.toContain(KEY);
  });

  it("can be removed, which puts the workspace back on the simulator", async () => {
    const cleared = await saveProvider({ clearKey: true, isDefault: false });
    expect(cleared).toMatchObject({ hasKey: false, keyLast4: null, isDefault: false });
    expect((await db.modelProvider.findFirstOrThrow({ where: { workspaceId } })).keyEncrypted).toBeNull();
    const settings = JSON.parse(await text(getProvider(authed("http://test/api/v1/provider"), none)));
    expect(settings).toMatchObject({ source: "simulator", simulated: true });
  });
});
