import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { APIConnectionError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getProvider, PUT as putProvider } from "@/app/api/v1/provider/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import { createModelClient } from "@/lib/models";
import { BlockedHostError } from "@/lib/tools";
import { getProviderSettings, updateProviderSettings, workspaceModels, workspaceProvider } from "@/lib/workspaces/provider";

let ownerCookie = "";
let viewerCookie = "";
let workspaceId = "";
const asOwner = requestsAs(() => ownerCookie);
const asViewer = requestsAs(() => viewerCookie);
const none = { params: Promise.resolve({} as Record<string, never>) };
const put = (as: typeof asOwner, body: unknown) => putProvider(as("http://test/api/v1/provider", { method: "PUT", body: JSON.stringify(body) }), none);

beforeAll(async () => {
  const owner = await signUpForTest({ name: "Provider owner" });
  ownerCookie = owner.cookie;
  workspaceId = (await db.membership.findFirstOrThrow({ where: { userId: owner.userId } })).workspaceId;
  const viewer = await signUpForTest({ name: "Provider viewer" });
  viewerCookie = viewer.cookie;
  await db.membership.create({ data: { workspaceId, userId: viewer.userId, role: "viewer" } });
});

describe("provider settings API", () => {
  it("starts on the simulator with the default catalog", async () => {
    const response = await getProvider(asOwner("http://test/api/v1/provider"), none);
    expect(await response.json()).toEqual({ hasKey: false, keyLast4: null, baseUrl: null, catalog: {}, source: "simulator", simulated: true });
  });

  it("lets any member read the settings but only owners change them", async () => {
    expect((await getProvider(asViewer("http://test/api/v1/provider"), none)).status).toBe(200);
    expect((await put(asViewer, { apiKey: "sk-viewer-123456789" })).status).toBe(403);
    expect((await getProviderSettings(workspaceId)).hasKey).toBe(false);
  });

  it("keeps the key on an empty string, replaces it on a new one and removes it on clearKey", async () => {
    await put(asOwner, { apiKey: "sk-first-key-0001" });
    const kept = await (await put(asOwner, { apiKey: "", baseUrl: "https://llm.example.test/v1/" })).json();
    expect(kept).toMatchObject({ hasKey: true, keyLast4: "0001", baseUrl: "https://llm.example.test/v1" });
    const provider = (await workspaceProvider(workspaceId, {})).provider;
    expect(provider).toMatchObject({ apiKey: "sk-first-key-0001", baseURL: "https://llm.example.test/v1" });
    expect(provider.fetch).toBeTypeOf("function"); // the outbound guard's

    const replaced = await (await put(asOwner, { apiKey: "sk-second-key-0002" })).json();
    expect(replaced.keyLast4).toBe("0002");
    expect((await workspaceProvider(workspaceId, {})).provider.apiKey).toBe("sk-second-key-0002");

    expect((await put(asOwner, { apiKey: "sk-both-0003", clearKey: true })).status).toBe(400);
    const cleared = await (await put(asOwner, { clearKey: true })).json();
    expect(cleared).toMatchObject({ hasKey: false, keyLast4: null, simulated: true });
  });

  it("refuses a base URL that is not http(s) and a malformed catalog", async () => {
    expect((await put(asOwner, { baseUrl: "file:///etc/passwd" })).status).toBe(422);
    expect((await put(asOwner, { baseUrl: "not a url" })).status).toBe(422);
    expect((await put(asOwner, { baseUrl: "https://user:secret@llm.example.test/v1" })).status).toBe(422);
    expect((await put(asOwner, { catalog: { tiers: { giant: "x" } } })).status).toBe(422);
    expect((await put(asOwner, { catalog: { models: { "gpt-5.4": { pricing: { inputPerMillion: -1, outputPerMillion: 1 } } } } })).status).toBe(422);
  });

  it("applies catalog overrides to the models the workspace sees", async () => {
    const catalog = {
      tiers: { nano: "llama-3.1-8b" },
      models: { "llama-3.1-8b": { tier: "nano", pricing: { inputPerMillion: 0.05, outputPerMillion: 0.08 } }, "gpt-5.4": { pricing: { inputPerMillion: 2, outputPerMillion: 12 } } },
    };
    const saved = await (await put(asOwner, { catalog })).json();
    expect(saved.catalog).toEqual(catalog);
    const models = await (await listModels(asOwner("http://test/api/v1/models"), none)).json();
    expect(models.tiers.nano).toBe("llama-3.1-8b");
    const llama = models.models.find((m: { id: string }) => m.id === "llama-3.1-8b");
    expect(llama.pricing).toEqual({ inputPerMillion: 0.05, cachedInputPerMillion: 0.05, outputPerMillion: 0.08 });
    expect(models.models.find((m: { id: string }) => m.id === "gpt-5.4").pricing.inputPerMillion).toBe(2);

    await put(asOwner, { catalog: null });
    expect((await workspaceModels(workspaceId)).catalog.tiers.nano).toBe("gpt-5.4-nano");
  });
});

describe("a base URL on a private or local address", () => {
  it.each([
    ["http://127.0.0.1:9/v1", "127.0.0.1 is a loopback address"],
    ["http://169.254.169.254/latest", "169.254.169.254 is a link-local address"],
    ["http://10.1.2.3:8000/v1", "10.1.2.3 is a private network address"],
    ["http://[::1]:11434/v1", "::1 is a loopback address"],
    ["http://[::ffff:127.0.0.1]/v1", "::ffff:7f00:1 is a loopback address"],
  ])("is refused when saved (%s), saying why and who can allow it", async (baseUrl, why) => {
    const before = (await getProviderSettings(workspaceId)).baseUrl;
    const response = await put(asOwner, { baseUrl });
    expect(response.status).toBe(422);
    const message = `This base URL is not allowed: ${why}; ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS.`;
    expect(await response.json()).toEqual({ error: { code: "unprocessable", message, details: [{ path: ["baseUrl"], message }] } });
    expect((await getProviderSettings(workspaceId)).baseUrl).toBe(before);
  });

  it("is saved when the operator allow-listed it", async () => {
    const env = { TIERFLOW_OUTBOUND_ALLOW_HOSTS: "10.0.0.0/8" };
    await expect(updateProviderSettings(workspaceId, { baseUrl: "http://10.1.2.3:8000/v1" }, env)).resolves.toMatchObject({ baseUrl: "http://10.1.2.3:8000/v1" });
    await updateProviderSettings(workspaceId, { baseUrl: "" });
  });
});

describe("a workspace provider on this machine, through the real SDK client", () => {
  let server: Server;
  let origin = "";
  const authorizations: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      authorizations.push(req.headers.authorization ?? "");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [{ id: "local-model", object: "model", created: 0, owned_by: "me" }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await updateProviderSettings(workspaceId, { clearKey: true, baseUrl: "" });
  });

  it("is refused before any request while not allow-listed, and reached once it is", async () => {
    const allowed = { TIERFLOW_OUTBOUND_ALLOW_HOSTS: new URL(origin).host };
    // Saved while allow-listed; the operator has since removed the entry.
    await updateProviderSettings(workspaceId, { apiKey: "sk-local-model-0042", baseUrl: `${origin}/v1` }, allowed);

    const refused = createModelClient((await workspaceProvider(workspaceId, {})).provider).client.models.list();
    const error = await refused.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).cause).toBeInstanceOf(BlockedHostError);
    expect(((error as APIConnectionError).cause as Error).message).toBe(
      `Refused to connect to ${new URL(origin).host}: 127.0.0.1 is a loopback address; ask your operator to add it to TIERFLOW_OUTBOUND_ALLOW_HOSTS`,
    );
    expect(authorizations).toEqual([]);

    const reached = createModelClient((await workspaceProvider(workspaceId, allowed)).provider).client.models.list();
    expect((await reached).data.map((model) => model.id)).toEqual(["local-model"]);
    expect(authorizations).toEqual(["Bearer sk-local-model-0042"]);
  });
});

describe("workspaceProvider", () => {
  const env = { OPENAI_API_KEY: "sk-server-key-9999", OPENAI_BASE_URL: "https://server.example.test/v1" };

  it("uses the server's key and URL when the workspace has no key, else the simulator", async () => {
    await updateProviderSettings(workspaceId, { clearKey: true, baseUrl: "https://workspace.example.test/v1" });
    const fromEnv = await workspaceProvider(workspaceId, env);
    expect(fromEnv).toMatchObject({ provider: { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL }, source: "env", simulated: false });
    // The operator chose that URL (it may well be on the LAN): it needs no guard.
    expect(fromEnv.provider.fetch).toBeUndefined();
    expect(await workspaceProvider(workspaceId, {})).toMatchObject({ provider: {}, source: "simulator", simulated: true });
  });

  it("prefers the workspace's key, sent only to the workspace's URL (or OpenAI's), never the server's", async () => {
    await updateProviderSettings(workspaceId, { apiKey: "sk-workspace-key-1234", baseUrl: "" });
    const resolved = await workspaceProvider(workspaceId, env);
    expect(resolved).toMatchObject({ source: "workspace", simulated: false });
    expect(resolved.provider).toEqual({ apiKey: "sk-workspace-key-1234" });
  });

  it("says so when the stored key can no longer be decrypted", async () => {
    await db.workspace.update({ where: { id: workspaceId }, data: { providerKeyEncrypted: "v1.AAAA.BBBB.CCCC" } });
    await expect(workspaceProvider(workspaceId, {})).rejects.toMatchObject({ code: "conflict" });
    expect((await workspaceModels(workspaceId, {})).simulated).toBe(false);
    await updateProviderSettings(workspaceId, { clearKey: true });
  });
});
