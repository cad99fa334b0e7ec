export { createAdapter, PROMPT_SCHEMA_MARKER, type ProviderAdapter } from "./adapter";
export { PROVIDER_KINDS, providerKindSchema, SIMULATOR_COMPAT, type CompatProfile, type ProviderKind, type ProviderKindInfo } from "./kinds";
