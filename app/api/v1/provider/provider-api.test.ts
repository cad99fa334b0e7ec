import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getProvider, PUT as putProvider } from "@/app/api/v1/provider/route";
import { POST as postProvider } from "@/app/api/v1/providers/route";
import { PATCH as patchProvider, DELETE as deleteProviderRoute } from "@/app/api/v1/providers/[id]/route";
import { POST as testProviderRoute } from "@/app/api/v1/providers/[id]/test/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { createSimulator } from "@/lib/models";
import { createProvider, updateProvider } from "@/lib/workspaces/provider-entries";
import { getProviderSettings, workspaceModels, workspaceProvider } from "@/lib/workspaces/provider";

let ownerCookie = "";
let viewerCookie = "";
let workspaceId = "";
const asOwner = requestsAs(() => ownerCookie);
const asViewer = requestsAs(() => viewerCookie);
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const none = params({} as Record<string, never>);
const put = (as: typeof asOwner, body: unknown) => putProvider(as("http://test/api/v1/provider", { method: "PUT", body: JSON.stringify(body) }), none);
const post = (as: typeof asOwner, body: unknown) => postProvider(as("http://test/api/v1/providers", { method: "POST", body: JSON.stringify(body) }), none);

// An Ollama stand-in: the simulator with a compatibility layer's limits, on this machine.
let server: Server;
let origin = "";
const authorizations: string[] = [];
const ollama = createSimulator({ speed: 0, compat: { streamUsage: false, jsonSchema: false }, models: ["llama3.2", "qwen3:8b"] });

async function toRequest(req: IncomingMessage, url: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Request(url, { method: req.method, headers: { "content-type": "application/json" }, ...(req.method === "GET" ? {} : { body: Buffer.concat(chunks) }) });
}

beforeAll(async () => {
  const owner = await signUpForTest({ name: "Provider owner" });
  ownerCookie = owner.cookie;
  workspaceId = (await db.membership.findFirstOrThrow({ where: { userId: owner.userId } })).workspaceId;
  const viewer = await signUpForTest({ name: "Provider viewer" });
  viewerCookie = viewer.cookie;
  await db.membership.create({ data: { workspaceId, userId: viewer.userId, role: "viewer" } });
  server = createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? "");
    void (async () => {
      const answer = await ollama.handle(await toRequest(req, `http://ollama.local${req.url}`));
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("providers API", () => {
  it("starts with the simulator alone, labelled simulated, as the default", async () => {
    const body = await (await getProvider(asOwner("http://test/api/v1/provider"), none)).json();
    expect(body).toMatchObject({ catalog: {}, source: "simulator", simulated: true });
    expect(body.providers).toEqual([expect.objectContaining({ id: "simulator", kindLabel: "Built-in simulator (simulated)", simulated: true, isDefault: true, builtIn: true })]);
  });

  it("lets any member read, only owners add, change, test or remove", async () => {
    expect((await getProvider(asViewer("http://test/api/v1/provider"), none)).status).toBe(200);
    expect((await post(asViewer, { name: "Mine", kind: "openai", apiKey: "sk-viewer-123456789" })).status).toBe(403);
    expect((await put(asViewer, { catalog: null })).status).toBe(403);
    expect((await testProviderRoute(asViewer("http://test/api/v1/providers/simulator/test", { method: "POST" }), params({ id: "simulator" }))).status).toBe(403);
    expect((await getProviderSettings(workspaceId)).providers).toHaveLength(1);
  });

  it("refuses a base URL on this machine until the operator allows it, saying why", async () => {
    const response = await post(asOwner, { name: "Local", kind: "ollama", baseUrl: `${origin}/v1` });
    expect(response.status).toBe(422);
    const message = "This base URL is not allowed: 127.0.0.1 is a loopback address; ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS.";
    expect((await response.json()).error).toEqual({ code: "unprocessable", message, details: [{ path: ["baseUrl"], message }] });
    expect((await post(asOwner, { name: "Bad", kind: "vllm", baseUrl: "file:///etc/passwd" })).status).toBe(422);
    expect((await post(asOwner, { name: "Bad", kind: "vllm" })).status).toBe(422); // vLLM has no default URL
    expect(authorizations).toEqual([]);
  });

  it("saves an allowed local provider, tests it (models listed, one tiny call) and keeps the key write-only", async () => {
    const env = { TIERFLOW_OUTBOUND_ALLOW_HOSTS: new URL(origin).host };
    const saved = await createProvider(workspaceId, { name: "Local Ollama", kind: "ollama", baseUrl: `${origin}/v1/`, apiKey: "ollama-key-7781" }, env);
    expect(saved.provider).toMatchObject({ name: "Local Ollama", kind: "ollama", kindLabel: "Ollama", hasKey: true, keyLast4: "7781", baseUrl: `${origin}/v1`, isDefault: false });
    expect(saved.check).toEqual({ ok: true, models: ["llama3.2", "qwen3:8b"], testedModel: "llama3.2", error: null });
    expect(authorizations.at(-1)).toBe("Bearer ollama-key-7781");
    const row = await db.modelProvider.findUniqueOrThrow({ where: { id: saved.provider.id } });
    expect(row.keyEncrypted).toMatch(/^v1\./);
    expect(JSON.stringify(await getProviderSettings(workspaceId))).not.toContain("ollama-key-7781");
  });

  it("saves a bogus key or an unreachable server with a warning: the check carries the provider's exact error", async () => {
    const saved = await (await post(asOwner, { name: "Nowhere", kind: "openai-compatible", baseUrl: "https://nowhere.invalid/v1", apiKey: "sk-bogus-0000" })).json();
    expect(saved.provider).toMatchObject({ name: "Nowhere", keyLast4: "0000" });
    expect(saved.check.ok).toBe(false);
    expect(saved.check.error).toMatch(/^Listing models failed: Connection error\./);
    const renamed = await patchProvider(asOwner(`http://test/api/v1/providers/${saved.provider.id}`, { method: "PATCH", body: JSON.stringify({ name: "Still nowhere", apiKey: "" }) }), params({ id: saved.provider.id }));
    expect((await renamed.json()).provider).toMatchObject({ name: "Still nowhere", keyLast4: "0000" });
    const removed = await deleteProviderRoute(asOwner(`http://test/api/v1/providers/${saved.provider.id}`, { method: "DELETE" }), params({ id: saved.provider.id }));
    expect(removed.status).toBe(200);
  });

  it("maps a tier to a provider's model; runs then call that provider for it, the simulator for the rest", async () => {
    const local = (await getProviderSettings(workspaceId)).providers.find((p) => p.name === "Local Ollama")!;
    const catalog = { tiers: { nano: "llama3.2" }, models: { "llama3.2": { provider: local.id, pricing: null } } };
    expect((await (await put(asOwner, { catalog })).json()).catalog).toEqual(catalog);
    const models = await (await listModels(asOwner("http://test/api/v1/models"), none)).json();
    expect(models.tiers.nano).toBe("llama3.2");
    expect(models.models.find((m: { id: string }) => m.id === "llama3.2")).not.toHaveProperty("pricing");

    const resolved = await workspaceProvider(workspaceId, { TIERFLOW_OUTBOUND_ALLOW_HOSTS: new URL(origin).host });
    expect(resolved).toMatchObject({ source: "simulator", simulated: true, providerLabel: "Simulator" });
    expect(resolved.providers[local.id]).toMatchObject({ label: "Local Ollama", kind: "ollama", config: { apiKey: "ollama-key-7781", baseURL: `${origin}/v1` } });
    expect(resolved.providers[local.id].config.fetch).toBeTypeOf("function"); // the outbound guard's

    expect((await put(asOwner, { catalog: { models: { x: { provider: "not-a-provider" } } } })).status).toBe(422);
    // A provider a model uses cannot be removed out from under it.
    expect((await deleteProviderRoute(asOwner(`http://test/api/v1/providers/${local.id}`, { method: "DELETE" }), params({ id: local.id }))).status).toBe(409);
  });

  it("makes a workspace provider the default for the models naming none, in place of OPENAI_API_KEY", async () => {
    const env = { OPENAI_API_KEY: "sk-server-key-9999", OPENAI_BASE_URL: "https://server.example.test/v1", TIERFLOW_OUTBOUND_ALLOW_HOSTS: new URL(origin).host };
    const before = await workspaceProvider(workspaceId, env);
    expect(before).toMatchObject({ source: "env", simulated: false, provider: { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL } });
    expect(before.provider.fetch).toBeUndefined(); // the operator chose that URL

    const local = (await getProviderSettings(workspaceId)).providers.find((p) => p.name === "Local Ollama")!;
    await updateProvider(workspaceId, local.id, { isDefault: true }, env);
    const after = await workspaceProvider(workspaceId, env);
    expect(after).toMatchObject({ source: "workspace", providerLabel: "Local Ollama", provider: { apiKey: "ollama-key-7781" } });
    expect((await workspaceModels(workspaceId, env)).simulated).toBe(false);
    await updateProvider(workspaceId, local.id, { isDefault: false }, env);
  });

  it("tests the built-in simulator too", async () => {
    const check = await (await testProviderRoute(asOwner("http://test/api/v1/providers/simulator/test", { method: "POST" }), params({ id: "simulator" }))).json();
    expect(check).toMatchObject({ ok: true, testedModel: "gpt-5.4", error: null });
  });
});
