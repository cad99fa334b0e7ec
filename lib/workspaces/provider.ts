import { decryptSecret } from "@/lib/auth/secrets";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  applyCatalogOverrides,
  catalogOverridesSchema,
  DEFAULT_CATALOG,
  providerFromEnv,
  storedOverrides,
  type CatalogOverrides,
  type ModelCatalog,
  type ProviderConfig,
} from "@/lib/models";
import { PROVIDER_KINDS, type ProviderKind } from "@/lib/models/providers";
import { createGuardedFetch, outboundAllowHosts } from "@/lib/tools";
import { z } from "zod";

type Env = Record<string, string | undefined>;

/** Where a workspace's default model calls go: its default provider, the server's `OPENAI_API_KEY`, or the simulator. */
export type ProviderSource = "workspace" | "env" | "simulator";

/** The built-in providers' ids; a workspace's own providers have cuid ids. */
export const SIMULATOR_PROVIDER_ID = "simulator";
export const ENV_PROVIDER_ID = "env";

/** One provider as every member may see it: never the key, only its last four characters. */
export interface ProviderSummary {
  id: string;
  name: string;
  kind: ProviderKind | "simulator" | "env";
  /** "Ollama", "Built-in simulator"… */
  kindLabel: string;
  hasKey: boolean;
  keyLast4: string | null;
  /** As saved; null means the kind's default (`defaultBaseUrl`). */
  baseUrl: string | null;
  defaultBaseUrl: string | null;
  /** Serves the catalog's models that name no provider. */
  isDefault: boolean;
  /** The simulator and the server's environment provider: not editable. */
  builtIn: boolean;
  simulated: boolean;
}

/** `GET /api/v1/provider`: the workspace's providers and catalog. */
export interface ProviderSettings {
  providers: ProviderSummary[];
  /** The workspace's overrides of the default catalog: tier mapping, models, prices, capabilities, providers. */
  catalog: CatalogOverrides;
  /** Where models naming no provider go. */
  source: ProviderSource;
  simulated: boolean;
}

/** `PUT /api/v1/provider`: the catalog; `null` removes every override. */
export const providerSettingsBody = z.object({ catalog: catalogOverridesSchema.nullable() });
export type ProviderSettingsBody = z.infer<typeof providerSettingsBody>;

export const providerRowSelect = { id: true, name: true, kind: true, keyEncrypted: true, keyLast4: true, baseUrl: true, isDefault: true } as const;
export type ProviderRow = { id: string; name: string; kind: string; keyEncrypted: string | null; keyLast4: string | null; baseUrl: string | null; isDefault: boolean };

/** A stored kind the app no longer knows reads as a generic OpenAI-compatible server. */
export function kindOf(row: Pick<ProviderRow, "kind">): ProviderKind {
  return Object.hasOwn(PROVIDER_KINDS, row.kind) ? (row.kind as ProviderKind) : "openai-compatible";
}

export function summaryOf(row: ProviderRow): ProviderSummary {
  const kind = kindOf(row);
  return {
    id: row.id,
    name: row.name,
    kind,
    kindLabel: PROVIDER_KINDS[kind].label,
    hasKey: row.keyEncrypted !== null,
    keyLast4: row.keyEncrypted ? row.keyLast4 : null,
    baseUrl: row.baseUrl,
    defaultBaseUrl: PROVIDER_KINDS[kind].defaultBaseUrl,
    isDefault: row.isDefault,
    builtIn: false,
    simulated: false,
  };
}

const SIMULATOR_SUMMARY: Omit<ProviderSummary, "isDefault"> = {
  id: SIMULATOR_PROVIDER_ID,
  name: "Simulator",
  kind: "simulator",
  kindLabel: "Built-in simulator (simulated)",
  hasKey: false,
  keyLast4: null,
  baseUrl: null,
  defaultBaseUrl: null,
  builtIn: true,
  simulated: true,
};

function envSummary(env: Env, isDefault: boolean): ProviderSummary | null {
  const config = providerFromEnv(env);
  if (!config.apiKey) return null;
  return { ...SIMULATOR_SUMMARY, id: ENV_PROVIDER_ID, name: "Server default", kind: "env", kindLabel: "OPENAI_API_KEY on the server", baseUrl: config.baseURL ?? null, simulated: false, isDefault };
}

/** A workspace's stored catalog overrides and provider rows (keys still encrypted), as `workspaceModelsOf` and `workspaceProviderOf` read them. */
export interface StoredProviders {
  catalog: unknown;
  providers: ProviderRow[];
}

/** How the provider rows are read, wherever they are loaded (alone here, or with a run's other resources). */
export const providerRowsQuery = { select: providerRowSelect, orderBy: { createdAt: "asc" } } as const;

async function load(workspaceId: string): Promise<StoredProviders> {
  const row = await db.workspace.findUnique({ where: { id: workspaceId }, select: { catalog: true, providers: providerRowsQuery } });
  if (!row) throw AppError.notFound("Workspace");
  return row;
}

function sourceOf({ providers: rows }: StoredProviders, env: Env): ProviderSource {
  if (rows.some((r) => r.isDefault)) return "workspace";
  return providerFromEnv(env).apiKey ? "env" : "simulator";
}

/** Every provider the workspace's models may name: the simulator first, the server's, then its own. */
function summaries(loaded: StoredProviders, env: Env): ProviderSummary[] {
  const source = sourceOf(loaded, env);
  const fromEnv = envSummary(env, source === "env");
  return [{ ...SIMULATOR_SUMMARY, isDefault: source === "simulator" }, ...(fromEnv ? [fromEnv] : []), ...loaded.providers.map(summaryOf)];
}

/** The workspace's providers and catalog, without any key. */
export async function getProviderSettings(workspaceId: string, env: Env = process.env): Promise<ProviderSettings> {
  const loaded = await load(workspaceId);
  const source = sourceOf(loaded, env);
  return { providers: summaries(loaded, env), catalog: storedOverrides(loaded.catalog), source, simulated: source === "simulator" };
}

/** Saves the catalog; a model naming a provider the workspace does not have is refused (422), naming the model. */
export async function updateProviderSettings(workspaceId: string, body: ProviderSettingsBody, env: Env = process.env): Promise<ProviderSettings> {
  const loaded = await load(workspaceId);
  const known = new Set(summaries(loaded, env).map((p) => p.id));
  for (const [model, override] of Object.entries(body.catalog?.models ?? {})) {
    if (override.provider && !known.has(override.provider)) {
      const message = `The model ${model} names a provider this workspace does not have.`;
      throw new AppError("unprocessable", message, [{ path: ["catalog", "models", model, "provider"], message }]);
    }
  }
  // Prisma's Json null needs its DbNull sentinel; an empty object means the same and needs none.
  await db.workspace.update({ where: { id: workspaceId }, data: { catalog: body.catalog ?? {} } });
  return getProviderSettings(workspaceId, env);
}

/** The catalog and simulated flag a workspace's pages and estimates use; cheap, never decrypts a key. */
export interface WorkspaceModels {
  catalog: ModelCatalog;
  simulated: boolean;
  source: ProviderSource;
}

/** The workspace's catalog (defaults plus its overrides) and whether its default provider is the simulator. */
export async function workspaceModels(workspaceId: string, env: Env = process.env): Promise<WorkspaceModels> {
  return workspaceModelsOf(await load(workspaceId), env);
}

/** `workspaceModels` from rows already loaded. */
export function workspaceModelsOf(loaded: StoredProviders, env: Env = process.env): WorkspaceModels {
  const source = sourceOf(loaded, env);
  return { catalog: applyCatalogOverrides(DEFAULT_CATALOG, storedOverrides(loaded.catalog)), simulated: source === "simulator", source };
}

/** A provider a run may call: its label and connection (no `apiKey`: the simulator). */
export interface ProviderEntry {
  label: string;
  kind: ProviderKind | "simulator" | "env";
  config: ProviderConfig;
}

/** A workspace's resolved providers, for starting runs. */
export interface WorkspaceProvider extends WorkspaceModels {
  /** The default provider's connection: models naming none go here. */
  provider: ProviderConfig;
  providerLabel: string;
  /** Every provider a model may name, by id. */
  providers: Record<string, ProviderEntry>;
}

// Local servers take any key or none; the SDK needs one, and one that says what it is reads better in their logs.
const NO_KEY = "tierflow-no-key";

/**
 * A stored provider's connection: its own key, its base URL (else its kind's default) through
 * the outbound guard, so it never reaches an address the operator did not allow.
 */
export function connectionOf(row: ProviderRow, env: Env): ProviderConfig {
  let apiKey = NO_KEY;
  if (row.keyEncrypted) {
    try {
      apiKey = decryptSecret(row.keyEncrypted);
    } catch {
      throw new AppError("conflict", `The key of the provider "${row.name}" can no longer be read (was TIERFLOW_SECRET changed?). An owner can enter it again in Settings → Providers.`);
    }
  }
  const baseURL = row.baseUrl ?? PROVIDER_KINDS[kindOf(row)].defaultBaseUrl ?? undefined;
  return { apiKey, ...(baseURL ? { baseURL } : {}), fetch: createGuardedFetch({ allowHosts: outboundAllowHosts(env) }) };
}

/**
 * Where a workspace's runs send model calls: each model to its provider, a model naming none to
 * the default one (the workspace's default provider, else `OPENAI_API_KEY`/`OPENAI_BASE_URL`,
 * else the simulator). The server's key only ever goes to the server's base URL.
 */
export async function workspaceProvider(workspaceId: string, env: Env = process.env): Promise<WorkspaceProvider> {
  return workspaceProviderOf(await load(workspaceId), env);
}

/** `workspaceProvider` from rows already loaded. */
export function workspaceProviderOf(loaded: StoredProviders, env: Env = process.env): WorkspaceProvider {
  const source = sourceOf(loaded, env);
  const catalog = applyCatalogOverrides(DEFAULT_CATALOG, storedOverrides(loaded.catalog));
  const providers: Record<string, ProviderEntry> = { [SIMULATOR_PROVIDER_ID]: { label: "Simulator", kind: "simulator", config: {} } };
  const fromEnv = providerFromEnv(env);
  if (fromEnv.apiKey) providers[ENV_PROVIDER_ID] = { label: "Server default", kind: "env", config: fromEnv };
  // Only rows some model uses (or the default) are decrypted: an unreadable unused key does not stop runs.
  const used = new Set(Object.values(catalog.models).map((m) => m.provider));
  for (const row of loaded.providers) {
    if (row.isDefault || used.has(row.id)) providers[row.id] = { label: row.name, kind: kindOf(row), config: connectionOf(row, env) };
  }
  const defaultRow = loaded.providers.find((r) => r.isDefault);
  const fallback = defaultRow ? providers[defaultRow.id] : source === "env" ? providers[ENV_PROVIDER_ID] : providers[SIMULATOR_PROVIDER_ID];
  return { provider: fallback.config, providerLabel: fallback.label, providers, catalog, simulated: source === "simulator", source };
}
