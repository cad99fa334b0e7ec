import { describe, expect, it } from "vitest";
import { createModelClient } from "../client";
import { createSimulator } from "./simulator";

const post = (path: string, body: unknown) =>
  new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const valid = { model: "gpt-5.4-nano", messages: [{ role: "user", content: "Tell me about glaciers." }] };

describe("simulator HTTP surface", () => {
  it("serves any path ending in /chat/completions, as the app's route mounts it", async () => {
    const sim = createSimulator({ speed: 0 });
    const res = await sim.handle(post("/api/sim/v1/chat/completions", valid));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-tierflow-simulated")).toBe("1");
    const json = await res.json();
    expect(json.model).toBe("gpt-5.4-nano");
    expect(json.choices[0].message.content).toMatch(/glaciers/i);
  });

  it("answers unknown paths with 404 in OpenAI's error shape", async () => {
    const res = await createSimulator({ speed: 0 }).handle(post("/v1/embeddings", valid));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { message: "Invalid URL (POST /v1/embeddings)", type: "invalid_request_error", param: null, code: null },
    });
  });

  it("answers bad JSON and missing fields with 400 naming the parameter", async () => {
    const sim = createSimulator({ speed: 0 });
    const badJson = await sim.handle(post("/v1/chat/completions", "{not json"));
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error.type).toBe("invalid_request_error");

    const noModel = await sim.handle(post("/v1/chat/completions", { messages: valid.messages }));
    expect(noModel.status).toBe(400);
    expect((await noModel.json()).error.param).toBe("model");

    const noContent = await sim.handle(post("/v1/chat/completions", { model: "m", messages: [{ role: "user" }] }));
    expect((await noContent.json()).error.param).toBe("messages[0].content");

    const badRole = await sim.handle(post("/v1/chat/completions", { model: "m", messages: [{ role: "robot", content: "hi" }] }));
    expect((await badRole.json()).error.param).toBe("messages[0].role");
  });

  it("rejects other methods", async () => {
    const res = await createSimulator({ speed: 0 }).handle(new Request("http://x/v1/chat/completions", { method: "GET" }));
    expect(res.status).toBe(405);
  });
});

describe("determinism", () => {
  const request = {
    model: "gpt-5.4",
    messages: [
      { role: "system" as const, content: "You are an analyst." },
      { role: "user" as const, content: "Assess the risks of building a data centre near a river delta." },
    ],
  };

  it("gives the same output for the same request and seed, across simulator instances", async () => {
    const a = await createModelClient({ simulator: { speed: 0, seed: 7 } }).client.chat.completions.create(request);
    const b = await createModelClient({ simulator: { speed: 0, seed: 7 } }).client.chat.completions.create(request);
    expect(a.choices[0].message.content).toBe(b.choices[0].message.content);
    expect(a.usage).toEqual(b.usage);
  });

  it("varies with the simulator seed and with the request's seed parameter", async () => {
    const text = async (seed: number, requestSeed?: number) =>
      (await createModelClient({ simulator: { speed: 0, seed } }).client.chat.completions.create({ ...request, seed: requestSeed })).choices[0].message
        .content;
    const base = await text(1);
    expect(await text(2)).not.toBe(base);
    expect(await text(1, 99)).not.toBe(base);
    expect(await text(1, 99)).toBe(await text(1, 99));
  });
});
