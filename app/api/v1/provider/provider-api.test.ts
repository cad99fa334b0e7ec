import { beforeAll, describe, expect, it } from "vitest";
import { GET as getProvider, PUT as putProvider } from "@/app/api/v1/provider/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
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
    expect((await workspaceProvider(workspaceId, {})).provider).toEqual({ apiKey: "sk-first-key-0001", baseURL: "https://llm.example.test/v1" });

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

describe("workspaceProvider", () => {
  const env = { OPENAI_API_KEY: "sk-server-key-9999", OPENAI_BASE_URL: "https://server.example.test/v1" };

  it("uses the server's key and URL when the workspace has no key, else the simulator", async () => {
    await updateProviderSettings(workspaceId, { clearKey: true, baseUrl: "https://workspace.example.test/v1" });
    expect(await workspaceProvider(workspaceId, env)).toMatchObject({ provider: { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL }, source: "env", simulated: false });
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
