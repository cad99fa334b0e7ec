import { z } from "zod";

/**
 * How a vendor's OpenAI-compatible endpoint departs from OpenAI's Chat Completions. The adapter
 * (`adapter.ts`) reads this profile; nothing else in the app branches on the vendor.
 */
export interface CompatProfile {
  /** Accepts `stream_options.include_usage` (else usage comes in the last chunk unasked, or not at all). */
  streamUsage: boolean;
  /** Accepts `response_format: json_schema`; else JSON mode plus the schema in the prompt. */
  jsonSchema: boolean;
  /** Accepts `response_format: json_object` (JSON mode); else the schema goes in the prompt alone. */
  jsonObject: boolean;
  /** Reports `prompt_tokens_details.cached_tokens`. */
  cachedTokens: boolean;
}

/** What Tierflow knows about one kind of provider. */
export interface ProviderKindInfo {
  label: string;
  /** Where its OpenAI-compatible API lives by default; null when every deployment has its own (Azure, vLLM). */
  defaultBaseUrl: string | null;
  /** Whether calls need an API key (local servers take any or none). */
  keyRequired: boolean;
  compat: CompatProfile;
}

const FULL: CompatProfile = { streamUsage: true, jsonSchema: true, jsonObject: true, cachedTokens: true };

/** Every provider kind a workspace may add, with its defaults and compatibility profile. */
export const PROVIDER_KINDS = {
  openai: { label: "OpenAI", defaultBaseUrl: "https://api.openai.com/v1", keyRequired: true, compat: FULL },
  azure: { label: "Azure OpenAI", defaultBaseUrl: null, keyRequired: true, compat: FULL },
  openrouter: { label: "OpenRouter", defaultBaseUrl: "https://openrouter.ai/api/v1", keyRequired: true, compat: { ...FULL, cachedTokens: false } },
  // Anthropic's compatibility layer ignores response_format: the schema travels in the prompt.
  anthropic: {
    label: "Anthropic (OpenAI-compatible)",
    defaultBaseUrl: "https://api.anthropic.com/v1",
    keyRequired: true,
    compat: { streamUsage: true, jsonSchema: false, jsonObject: false, cachedTokens: false },
  },
  gemini: {
    label: "Google Gemini (OpenAI-compatible)",
    defaultBaseUrl: "https://generativelanguage.googleapis.com/v1beta/openai",
    keyRequired: true,
    compat: { ...FULL, cachedTokens: false },
  },
  ollama: {
    label: "Ollama",
    defaultBaseUrl: "http://localhost:11434/v1",
    keyRequired: false,
    compat: { streamUsage: false, jsonSchema: false, jsonObject: true, cachedTokens: false },
  },
  vllm: { label: "vLLM", defaultBaseUrl: null, keyRequired: false, compat: { ...FULL, cachedTokens: false } },
  lmstudio: {
    label: "LM Studio",
    defaultBaseUrl: "http://localhost:1234/v1",
    keyRequired: false,
    compat: { streamUsage: false, jsonSchema: true, jsonObject: false, cachedTokens: false },
  },
  "openai-compatible": { label: "Other OpenAI-compatible", defaultBaseUrl: null, keyRequired: false, compat: { ...FULL, cachedTokens: false } },
} as const satisfies Record<string, ProviderKindInfo>;

export type ProviderKind = keyof typeof PROVIDER_KINDS;

export const providerKindSchema = z.enum(Object.keys(PROVIDER_KINDS) as [ProviderKind, ...ProviderKind[]]);

/** The simulator's profile is OpenAI's: it implements the full API. */
export const SIMULATOR_COMPAT: CompatProfile = FULL;
