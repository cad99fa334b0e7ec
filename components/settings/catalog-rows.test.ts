import { describe, expect, it } from "vitest";
import { applyCatalogOverrides, DEFAULT_CATALOG } from "@/lib/models/catalog";
import { overridesFromRows, pricesFor, rowsFromOverrides } from "./catalog-rows";

describe("provider tier table", () => {
  it("shows the defaults and saves them back as no overrides at all", () => {
    const rows = rowsFromOverrides({});
    expect(rows[0]).toEqual({ tier: "flagship", model: "gpt-5.4", input: "2.5", cachedInput: "0.25", output: "15" });
    expect(overridesFromRows(rows, {})).toEqual({});
  });

  it("keeps only what differs: a new nano model with its prices, a cheaper flagship", () => {
    const rows = rowsFromOverrides({});
    rows[0] = { ...rows[0], input: "2" };
    rows[2] = { tier: "nano", model: "llama-3.1-8b", input: "0.05", cachedInput: "", output: "0.08" };
    const overrides = overridesFromRows(rows, {});
    expect(overrides).toEqual({
      tiers: { nano: "llama-3.1-8b" },
      models: {
        "gpt-5.4": { pricing: { inputPerMillion: 2, cachedInputPerMillion: 0.25, outputPerMillion: 15 } },
        "llama-3.1-8b": { tier: "nano", pricing: { inputPerMillion: 0.05, cachedInputPerMillion: 0.05, outputPerMillion: 0.08 } },
      },
    });
    const catalog = applyCatalogOverrides(DEFAULT_CATALOG, overrides);
    expect(rowsFromOverrides(overrides)[2]).toEqual({ tier: "nano", model: "llama-3.1-8b", input: "0.05", cachedInput: "0.05", output: "0.08" });
    expect(catalog.models["llama-3.1-8b"].tier).toBe("nano");
  });

  it("marks a known model unpriced when its prices are cleared, and round-trips", () => {
    const rows = rowsFromOverrides({});
    rows[1] = { ...rows[1], input: "", cachedInput: "", output: "" };
    const overrides = overridesFromRows(rows, {});
    expect(overrides).toEqual({ models: { "gpt-5.4-mini": { pricing: null } } });
    expect(rowsFromOverrides(overrides)[1]).toMatchObject({ input: "", output: "" });
    expect(overridesFromRows(rowsFromOverrides(overrides), overrides)).toEqual(overrides);
  });

  it("keeps overrides the table does not show", () => {
    const previous = { models: { "my-extra": { tier: "mini" as const, pricing: null } } };
    expect(overridesFromRows(rowsFromOverrides(previous), previous)).toEqual(previous);
  });

  it("says what is missing or wrong", () => {
    const rows = rowsFromOverrides({});
    expect(() => overridesFromRows([{ ...rows[0], model: " " }], {})).toThrow(/model for the flagship tier/);
    expect(() => overridesFromRows([{ ...rows[0], output: "" }], {})).toThrow(/both the input and output price/);
    expect(() => overridesFromRows([{ ...rows[0], input: "-1" }], {})).toThrow(/0 or more/);
  });
});

describe("tier rows with providers", () => {
  it("maps a tier's model to a provider and back, and drops the mapping for the default provider", () => {
    const rows = rowsFromOverrides({}).map((row) => (row.tier === "nano" ? { ...row, model: "llama3.2", provider: "prov_local", input: "", cachedInput: "", output: "" } : row));
    const overrides = overridesFromRows(rows, {});
    expect(overrides).toEqual({ tiers: { nano: "llama3.2" }, models: { "llama3.2": { tier: "nano", provider: "prov_local" } } });
    expect(rowsFromOverrides(overrides).find((row) => row.tier === "nano")).toMatchObject({ model: "llama3.2", provider: "prov_local", input: "" });
    const back = overridesFromRows(rowsFromOverrides(overrides).map((row) => ({ ...row, provider: "" })), overrides);
    expect(back.models?.["llama3.2"]).toEqual({ tier: "nano" });
  });
});

describe("pricesFor", () => {
  it("gives a known model its prices and a model the catalog does not price none, so it stays unpriced", () => {
    expect(pricesFor("gpt-5.4-mini", {})).toEqual({ input: "0.75", cachedInput: "0.075", output: "4.5" });
    expect(pricesFor("llama3.2", {})).toEqual({ input: "", cachedInput: "", output: "" });
  });
});
