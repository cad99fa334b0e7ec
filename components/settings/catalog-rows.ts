import { TIERS, type Tier } from "@/lib/graph/tiers";
import { applyCatalogOverrides, DEFAULT_CATALOG, type CatalogOverrides, type ModelPricing } from "@/lib/models/catalog";

/** One row of the provider page's tier table, as the inputs hold it (prices as typed). */
export interface TierRow {
  tier: Tier;
  model: string;
  /** The provider id serving the model; "" or absent: the workspace's default provider. */
  provider?: string;
  input: string;
  cachedInput: string;
  output: string;
}

const priceText = (value: number | undefined) => (value === undefined ? "" : String(value));

/** The prices a model has in the workspace's catalog, as the inputs hold them; blank (unpriced) for a model it does not price. */
export function pricesFor(model: string, overrides: CatalogOverrides): Pick<TierRow, "input" | "cachedInput" | "output"> {
  const catalog = applyCatalogOverrides(DEFAULT_CATALOG, overrides);
  const pricing = Object.hasOwn(catalog.models, model) ? catalog.models[model].pricing : undefined;
  return { input: priceText(pricing?.inputPerMillion), cachedInput: priceText(pricing?.cachedInputPerMillion), output: priceText(pricing?.outputPerMillion) };
}

/** The table as a workspace's overrides make it: each tier's model and that model's prices. */
export function rowsFromOverrides(overrides: CatalogOverrides): TierRow[] {
  const catalog = applyCatalogOverrides(DEFAULT_CATALOG, overrides);
  return TIERS.map((tier) => {
    const model = catalog.tiers[tier];
    const provider = Object.hasOwn(catalog.models, model) ? catalog.models[model].provider : undefined;
    return { tier, model, ...(provider ? { provider } : {}), ...pricesFor(model, overrides) };
  });
}

function parsePrice(text: string, what: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${what} must be a number of dollars, 0 or more.`);
  return value;
}

const samePricing = (a: ModelPricing | undefined, b: ModelPricing) =>
  a !== undefined && a.inputPerMillion === b.inputPerMillion && a.cachedInputPerMillion === b.cachedInputPerMillion && a.outputPerMillion === b.outputPerMillion;

/**
 * The overrides the table stands for, keeping only what differs from the defaults (so later
 * default prices still reach this workspace) and any overrides the table does not show.
 * Throws an Error with a message for the person when a row is incomplete.
 */
export function overridesFromRows(rows: readonly TierRow[], previous: CatalogOverrides): CatalogOverrides {
  const tiers: NonNullable<CatalogOverrides["tiers"]> = {};
  const models: NonNullable<CatalogOverrides["models"]> = { ...previous.models };
  for (const row of rows) {
    const model = row.model.trim();
    if (!model) throw new Error(`Enter a model for the ${row.tier} tier.`);
    if (model !== DEFAULT_CATALOG.tiers[row.tier]) tiers[row.tier] = model;

    const input = parsePrice(row.input, `The ${row.tier} input price`);
    const cached = parsePrice(row.cachedInput, `The ${row.tier} cached input price`);
    const output = parsePrice(row.output, `The ${row.tier} output price`);
    const known = Object.hasOwn(DEFAULT_CATALOG.models, model) ? DEFAULT_CATALOG.models[model] : undefined;
    const { pricing: _previousPricing, provider: _previousProvider, ...kept } = models[model] ?? {};
    const rest = { ...kept, ...(row.provider ? { provider: row.provider } : {}) };
    const base = { ...rest, ...(known ? {} : { tier: rest.tier ?? row.tier }) };

    if (input === null && cached === null && output === null) {
      // No prices: the model is unpriced, and its cost shows as unknown rather than $0.
      if (known?.pricing || Object.keys(base).length > 0) models[model] = { ...base, ...(known?.pricing ? { pricing: null } : {}) };
      else delete models[model];
      continue;
    }
    if (input === null || output === null) throw new Error(`Enter both the input and output price for the ${row.tier} tier, or neither.`);
    const pricing = { inputPerMillion: input, cachedInputPerMillion: cached ?? input, outputPerMillion: output };
    if (samePricing(known?.pricing, pricing)) {
      if (Object.keys(rest).length > 0) models[model] = rest;
      else delete models[model];
    } else {
      models[model] = { ...base, pricing };
    }
  }
  return { ...(Object.keys(tiers).length > 0 ? { tiers } : {}), ...(Object.keys(models).length > 0 ? { models } : {}) };
}
