import { z } from "zod";
import { TIERS, tierSchema, type Tier } from "@/lib/graph/tiers";
import type { ValidationContext } from "@/lib/graph/validate";

/** Prices in USD per 1M tokens. Cached input is what a prompt-cache hit costs. */
export interface ModelPricing {
  inputPerMillion: number;
  cachedInputPerMillion: number;
  outputPerMillion: number;
}

/** One model a node can run on. No `pricing` means unpriced: its cost shows as unknown, never $0. */
export interface ModelInfo {
  id: string;
  label: string;
  tier: Tier;
  pricing?: ModelPricing;
  contextWindow: number;
  maxOutputTokens: number;
  /** Bills hidden reasoning tokens as output, beyond the text it streams. */
  reasoning?: boolean;
  /** Can answer in a JSON schema (natively or through its provider's adapter); planners and reviewers need it. Absent: assumed yes. */
  structuredOutput?: boolean;
  /** Can call tools; an executor with tools needs it. Absent: assumed yes. */
  tools?: boolean;
  /** The id of the workspace provider that serves it; absent: the workspace's default provider. */
  provider?: string;
}

/**
 * Hidden reasoning as a share of a reasoning model's visible output: the range cost estimates
 * assume, what the simulator draws from, and (`expected`) what spend estimates of calls in
 * flight or cut off add.
 */
export const REASONING_SHARE = { low: 0.15, expected: 0.225, high: 0.3 } as const;

/** Which model each tier runs by default, and everything known about each model. */
export interface ModelCatalog {
  tiers: Record<Tier, string>;
  models: Record<string, ModelInfo>;
}

/** OpenAI's published GPT-5.4 family: flagship plans and reviews, mini and nano execute. All three reason. */
export const DEFAULT_CATALOG: ModelCatalog = {
  tiers: { flagship: "gpt-5.4", mini: "gpt-5.4-mini", nano: "gpt-5.4-nano" },
  models: {
    "gpt-5.4": {
      id: "gpt-5.4",
      label: "GPT-5.4",
      tier: "flagship",
      pricing: { inputPerMillion: 2.5, cachedInputPerMillion: 0.25, outputPerMillion: 15 },
      contextWindow: 1_050_000,
      maxOutputTokens: 128_000,
      reasoning: true,
    },
    "gpt-5.4-mini": {
      id: "gpt-5.4-mini",
      label: "GPT-5.4 mini",
      tier: "mini",
      pricing: { inputPerMillion: 0.75, cachedInputPerMillion: 0.075, outputPerMillion: 4.5 },
      contextWindow: 400_000,
      maxOutputTokens: 128_000,
      reasoning: true,
    },
    "gpt-5.4-nano": {
      id: "gpt-5.4-nano",
      label: "GPT-5.4 nano",
      tier: "nano",
      pricing: { inputPerMillion: 0.2, cachedInputPerMillion: 0.02, outputPerMillion: 1.25 },
      contextWindow: 400_000,
      maxOutputTokens: 128_000,
      reasoning: true,
    },
  },
};

// Limits assumed for a model a workspace adds without saying: small enough to be safe on most servers.
const ADDED_MODEL_CONTEXT_WINDOW = 128_000;
const ADDED_MODEL_MAX_OUTPUT_TOKENS = 16_384;

const price = z.number().finite().nonnegative();
const tokenLimit = z.number().int().positive();

/** A price override; cached input defaults to the input price (no cache discount) when a provider has none. */
export const pricingOverrideSchema = z.object({
  inputPerMillion: price,
  cachedInputPerMillion: price.optional(),
  outputPerMillion: price,
});

/** Overrides for one model; `pricing: null` marks it unpriced. */
export const modelOverrideSchema = z.object({
  label: z.string().trim().min(1).max(100).optional(),
  tier: tierSchema.optional(),
  pricing: pricingOverrideSchema.nullable().optional(),
  contextWindow: tokenLimit.optional(),
  maxOutputTokens: tokenLimit.optional(),
  reasoning: z.boolean().optional(),
  structuredOutput: z.boolean().optional(),
  tools: z.boolean().optional(),
  /** A provider id of the workspace; null moves the model back to the default provider. */
  provider: z.string().trim().min(1).max(100).nullable().optional(),
});

/** What a workspace may change: the default model per tier, and per-model details (adding models it names). */
export const catalogOverridesSchema = z.object({
  tiers: z.partialRecord(tierSchema, z.string().trim().min(1).max(200)).optional(),
  models: z.record(z.string().trim().min(1).max(200), modelOverrideSchema).optional(),
});

export type CatalogOverrides = z.infer<typeof catalogOverridesSchema>;

/** The tier a model id most likely belongs to, from its name (`*nano*`, `*mini*`, else flagship). */
export function tierFromModelId(id: string): Tier {
  const lower = id.toLowerCase();
  if (lower.includes("nano")) return "nano";
  if (lower.includes("mini")) return "mini";
  return "flagship";
}

/**
 * A new catalog with a workspace's overrides applied; the input is not modified.
 * A model the catalog lacks is added, taking its tier from the override, else from the tier
 * that now points at it, else from its name.
 */
export function applyCatalogOverrides(catalog: ModelCatalog, overrides: CatalogOverrides): ModelCatalog {
  const parsed = catalogOverridesSchema.parse(overrides);
  const tiers = { ...catalog.tiers };
  for (const tier of TIERS) {
    const id = parsed.tiers?.[tier];
    if (id) tiers[tier] = id;
  }

  const models = { ...catalog.models };
  for (const [id, o] of Object.entries(parsed.models ?? {})) {
    const base = models[id];
    const assignedTier = TIERS.find((t) => tiers[t] === id);
    const reasoning = o.reasoning ?? base?.reasoning;
    const structuredOutput = o.structuredOutput ?? base?.structuredOutput;
    const tools = o.tools ?? base?.tools;
    const provider = o.provider === null ? undefined : (o.provider ?? base?.provider);
    const pricing =
      o.pricing === null
        ? undefined
        : o.pricing
          ? {
              inputPerMillion: o.pricing.inputPerMillion,
              cachedInputPerMillion: o.pricing.cachedInputPerMillion ?? o.pricing.inputPerMillion,
              outputPerMillion: o.pricing.outputPerMillion,
            }
          : base?.pricing;
    models[id] = {
      id,
      label: o.label ?? base?.label ?? id,
      tier: o.tier ?? base?.tier ?? assignedTier ?? tierFromModelId(id),
      ...(pricing ? { pricing } : {}),
      contextWindow: o.contextWindow ?? base?.contextWindow ?? ADDED_MODEL_CONTEXT_WINDOW,
      maxOutputTokens: o.maxOutputTokens ?? base?.maxOutputTokens ?? ADDED_MODEL_MAX_OUTPUT_TOKENS,
      ...(reasoning !== undefined ? { reasoning } : {}),
      ...(structuredOutput !== undefined ? { structuredOutput } : {}),
      ...(tools !== undefined ? { tools } : {}),
      ...(provider ? { provider } : {}),
    };
  }
  return { tiers, models };
}

/**
 * A workspace's catalog from its stored overrides. Overrides were validated when saved; a stored
 * value that no longer parses (an older shape) is ignored, not fatal.
 */
export function catalogFromStored(stored: unknown): ModelCatalog {
  return applyCatalogOverrides(DEFAULT_CATALOG, storedOverrides(stored));
}

/** A workspace's stored overrides, `{}` when it has none or they no longer parse. */
export function storedOverrides(stored: unknown): CatalogOverrides {
  const parsed = catalogOverridesSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

/** The resolved model of a node. `info` is absent for a model the catalog does not know (unpriced). */
export interface ResolvedModel {
  id: string;
  info?: ModelInfo;
}

/**
 * The model a node runs on: its own `override` if set, else its tier's default.
 * An override outside the catalog is allowed (any OpenAI-compatible server); it is simply unpriced.
 */
export function resolveModel(catalog: ModelCatalog, tier: Tier, override?: string | null): ResolvedModel {
  const id = override?.trim() || catalog.tiers[tier];
  const info = Object.hasOwn(catalog.models, id) ? catalog.models[id] : undefined;
  return info ? { id, info } : { id };
}

/** What a model can do, for validation: a model the catalog does not know is given the benefit of the doubt. */
export function modelCapabilities(info: ModelInfo | undefined): { structuredOutput: boolean; tools: boolean } {
  return { structuredOutput: info?.structuredOutput !== false, tools: info?.tools !== false };
}

/** Whether a node's model bills hidden reasoning: as its catalog entry says; a model the catalog does not know is assumed not to. */
export function modelReasons(model: ResolvedModel): boolean {
  return model.info?.reasoning === true;
}

/** What graph validation reads of a catalog: the priced models, and which model a node runs on and what it can do. */
export function catalogChecks(catalog: ModelCatalog): Required<Pick<ValidationContext, "models" | "abilities">> {
  return {
    models: Object.values(catalog.models)
      .filter((info) => info.pricing)
      .map((info) => info.id),
    abilities: (tier, override) => {
      const resolved = resolveModel(catalog, tier, override);
      return { model: resolved.id, ...modelCapabilities(resolved.info) };
    },
  };
}
