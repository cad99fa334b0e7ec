import { describe, expect, it } from "vitest";
import { createModelClient, providerFromEnv, SIMULATOR_BASE_URL } from "./client";

describe("providerFromEnv", () => {
  it("reads the key and base URL, ignoring blanks", () => {
    expect(providerFromEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://localhost:11434/v1" })).toEqual({
      apiKey: "sk-test",
      baseURL: "http://localhost:11434/v1",
    });
    expect(providerFromEnv({ OPENAI_API_KEY: "  ", OPENAI_BASE_URL: "" })).toEqual({});
  });
});

describe("createModelClient", () => {
  it("talks to the real provider when a key is set, without SDK retries", () => {
    const { client, simulated } = createModelClient({ apiKey: "sk-test", baseURL: "http://localhost:11434/v1" });
    expect(simulated).toBe(false);
    expect(client.baseURL).toBe("http://localhost:11434/v1");
    expect(client.maxRetries).toBe(0);
  });

  it("falls back to the simulator through the same SDK client", async () => {
    const { client, simulated } = createModelClient({ simulator: { speed: 0 } });
    expect(simulated).toBe(true);
    expect(client.baseURL).toBe(SIMULATOR_BASE_URL);
    expect(client.maxRetries).toBe(0);
    const { data, response } = await client.chat.completions
      .create({ model: "gpt-5.4-nano", messages: [{ role: "user", content: "Name three uses of solar power." }] })
      .withResponse();
    expect(response.headers.get("x-tierflow-simulated")).toBe("1");
    expect(data.model).toBe("gpt-5.4-nano");
    expect(data.choices[0].message.content).toMatch(/solar power/i);
  });
});
