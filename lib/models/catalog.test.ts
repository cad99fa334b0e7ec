import { describe, expect, it } from "vitest";
import { applyCatalogOverrides, DEFAULT_CATALOG, resolveModel, tierFromModelId } from "./catalog";

describe("DEFAULT_CATALOG", () => {
  it("prices the GPT-5.4 family per tier as published", () => {
    expect(DEFAULT_CATALOG.tiers).toEqual({ flagship: "gpt-5.4", mini: "gpt-5.4-mini", nano: "gpt-5.4-nano" });
    expect(DEFAULT_CATALOG.models["gpt-5.4"]).toMatchObject({
      tier: "flagship",
      pricing: { inputPerMillion: 2.5, cachedInputPerMillion: 0.25, outputPerMillion: 15 },
      contextWindow: 1_050_000,
      maxOutputTokens: 128_000,
    });
    expect(DEFAULT_CATALOG.models["gpt-5.4-mini"].pricing).toEqual({ inputPerMillion: 0.75, cachedInputPerMillion: 0.075, outputPerMillion: 4.5 });
    expect(DEFAULT_CATALOG.models["gpt-5.4-nano"].pricing).toEqual({ inputPerMillion: 0.2, cachedInputPerMillion: 0.02, outputPerMillion: 1.25 });
    expect(DEFAULT_CATALOG.models["gpt-5.4-nano"].contextWindow).toBe(400_000);
  });
});

describe("applyCatalogOverrides", () => {
  it("changes a tier's model and a model's prices without touching the original", () => {
    const catalog = applyCatalogOverrides(DEFAULT_CATALOG, {
      tiers: { nano: "gpt-5.4-mini" },
      models: { "gpt-5.4": { pricing: { inputPerMillion: 2, cachedInputPerMillion: 0.2, outputPerMillion: 12 } } },
    });
    expect(catalog.tiers.nano).toBe("gpt-5.4-mini");
    expect(catalog.models["gpt-5.4"].pricing).toEqual({ inputPerMillion: 2, cachedInputPerMillion: 0.2, outputPerMillion: 12 });
    expect(DEFAULT_CATALOG.tiers.nano).toBe("gpt-5.4-nano");
    expect(DEFAULT_CATALOG.models["gpt-5.4"].pricing?.inputPerMillion).toBe(2.5);
  });

  it("adds a workspace model, taking its tier from the tier that points at it", () => {
    const catalog = applyCatalogOverrides(DEFAULT_CATALOG, {
      tiers: { mini: "llama-3.3-70b" },
      models: { "llama-3.3-70b": { label: "Llama 3.3 70B", pricing: { inputPerMillion: 0.6, outputPerMillion: 0.6 } } },
    });
    expect(catalog.models["llama-3.3-70b"]).toEqual({
      id: "llama-3.3-70b",
      label: "Llama 3.3 70B",
      tier: "mini",
      pricing: { inputPerMillion: 0.6, cachedInputPerMillion: 0.6, outputPerMillion: 0.6 },
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
    });
  });

  it("marks a model unpriced with pricing: null", () => {
    const catalog = applyCatalogOverrides(DEFAULT_CATALOG, { models: { "gpt-5.4-nano": { pricing: null } } });
    expect(catalog.models["gpt-5.4-nano"].pricing).toBeUndefined();
    expect(catalog.models["gpt-5.4-nano"].label).toBe("GPT-5.4 nano");
  });

  it("rejects negative prices and unknown tiers", () => {
    expect(() =>
      applyCatalogOverrides(DEFAULT_CATALOG, { models: { x: { pricing: { inputPerMillion: -1, outputPerMillion: 1 } } } }),
    ).toThrow();
    expect(() => applyCatalogOverrides(DEFAULT_CATALOG, { tiers: { huge: "x" } } as never)).toThrow();
  });
});

describe("resolveModel", () => {
  it("uses the tier default unless the node overrides it", () => {
    expect(resolveModel(DEFAULT_CATALOG, "mini")).toEqual({ id: "gpt-5.4-mini", info: DEFAULT_CATALOG.models["gpt-5.4-mini"] });
    expect(resolveModel(DEFAULT_CATALOG, "mini", "gpt-5.4-nano").info?.tier).toBe("nano");
  });

  it("allows a model the catalog does not know, unpriced", () => {
    expect(resolveModel(DEFAULT_CATALOG, "nano", "qwen2.5:7b")).toEqual({ id: "qwen2.5:7b" });
    expect(resolveModel(DEFAULT_CATALOG, "nano", "toString")).toEqual({ id: "toString" });
  });

  it("guesses a tier from a model name", () => {
    expect(tierFromModelId("gpt-5.4-nano-2026-03-17")).toBe("nano");
    expect(tierFromModelId("GPT-5.4-Mini")).toBe("mini");
    expect(tierFromModelId("gpt-5.4")).toBe("flagship");
  });
});
