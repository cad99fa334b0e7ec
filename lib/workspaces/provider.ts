import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/auth/secrets";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  applyCatalogOverrides,
  catalogOverridesSchema,
  DEFAULT_CATALOG,
  providerFromEnv,
  type CatalogOverrides,
  type ModelCatalog,
  type ProviderConfig,
} from "@/lib/models";
import { BlockedHostError, checkOutboundUrl, createGuardedFetch, outboundAllowHosts } from "@/lib/tools";

type Env = Record<string, string | undefined>;

/** Where a workspace's model calls go: its own key, the server's `OPENAI_API_KEY`, or the simulator. */
export type ProviderSource = "workspace" | "env" | "simulator";

/** `GET /api/v1/provider`: everything about the provider except the key itself. */
export interface ProviderSettings {
  hasKey: boolean;
  /** The last four characters of the key: all anyone ever sees of it again. */
  keyLast4: string | null;
  baseUrl: string | null;
  /** The workspace's overrides of the default catalog (empty when it has none). */
  catalog: CatalogOverrides;
  source: ProviderSource;
  simulated: boolean;
}

const baseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((value) => value === "" || (/^https?:\/\/\S+$/i.test(value) && URL.canParse(value)), "Enter an http(s) URL, e.g. https://api.openai.com/v1.")
  .refine((value) => {
    const url = URL.parse(value);
    return !url?.username && !url?.password;
  }, "Put credentials in the API key field, not in the URL.");

/** `PUT /api/v1/provider`. `apiKey` "" or absent keeps the stored key; `clearKey: true` removes it. */
export const providerSettingsBody = z.object({
  apiKey: z.string().trim().max(1000).optional(),
  clearKey: z.boolean().optional(),
  /** "" or null goes back to the provider's default (OpenAI). */
  baseUrl: baseUrlSchema.nullable().optional(),
  /** null removes every override. */
  catalog: catalogOverridesSchema.nullable().optional(),
});

export type ProviderSettingsBody = z.infer<typeof providerSettingsBody>;

type ProviderRow = { catalog: unknown; providerKeyEncrypted: string | null; providerKeyLast4: string | null; providerBaseUrl: string | null };

const providerSelect = { catalog: true, providerKeyEncrypted: true, providerKeyLast4: true, providerBaseUrl: true } as const;

async function loadRow(workspaceId: string): Promise<ProviderRow> {
  const row = await db.workspace.findUnique({ where: { id: workspaceId }, select: providerSelect });
  if (!row) throw AppError.notFound("Workspace");
  return row;
}

// Overrides were validated when saved; a stored value that no longer parses (an older shape) is ignored, not fatal.
function overridesOf(row: ProviderRow): CatalogOverrides {
  const parsed = catalogOverridesSchema.safeParse(row.catalog ?? {});
  return parsed.success ? parsed.data : {};
}

function sourceOf(row: ProviderRow, env: Env): ProviderSource {
  if (row.providerKeyEncrypted) return "workspace";
  return providerFromEnv(env).apiKey ? "env" : "simulator";
}

function settingsOf(row: ProviderRow, env: Env): ProviderSettings {
  const source = sourceOf(row, env);
  return {
    hasKey: row.providerKeyEncrypted !== null,
    keyLast4: row.providerKeyEncrypted ? row.providerKeyLast4 : null,
    baseUrl: row.providerBaseUrl,
    catalog: overridesOf(row),
    source,
    simulated: source === "simulator",
  };
}

/** The workspace's provider settings, without the key. */
export async function getProviderSettings(workspaceId: string, env: Env = process.env): Promise<ProviderSettings> {
  return settingsOf(await loadRow(workspaceId), env);
}

// A save waits this long for DNS at most; a name that does not resolve yet is checked again on every run.
const SAVE_LOOKUP_MS = 3000;

/**
 * Refuses, at save time, a base URL the outbound guard would refuse at run time (loopback,
 * private, link-local… unless the operator allow-listed it), so the owner learns why now.
 */
async function assertReachableBaseUrl(baseUrl: string, env: Env): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, SAVE_LOOKUP_MS)));
  try {
    await Promise.race([checkOutboundUrl(new URL(baseUrl), outboundAllowHosts(env)), gaveUp]);
  } catch (error) {
    if (!(error instanceof BlockedHostError)) return; // DNS trouble is not a verdict; the run will say if it persists
    const message = `This base URL is not allowed: ${error.reason}.`;
    throw new AppError("unprocessable", message, [{ path: ["baseUrl"], message }]);
  } finally {
    clearTimeout(timer);
  }
}

/** Saves provider settings; the key is stored only encrypted (AES-256-GCM), beside its last four characters. */
export async function updateProviderSettings(
  workspaceId: string,
  body: ProviderSettingsBody,
  env: Env = process.env,
): Promise<ProviderSettings> {
  await loadRow(workspaceId);
  if (body.clearKey && body.apiKey) throw new AppError("bad_request", "Send either a new key or clearKey, not both.");
  if (body.baseUrl) await assertReachableBaseUrl(body.baseUrl, env);
  const data: Prisma.WorkspaceUpdateInput = {};
  if (body.clearKey) Object.assign(data, { providerKeyEncrypted: null, providerKeyLast4: null });
  else if (body.apiKey) Object.assign(data, { providerKeyEncrypted: encryptSecret(body.apiKey), providerKeyLast4: body.apiKey.slice(-4) });
  if (body.baseUrl !== undefined) data.providerBaseUrl = body.baseUrl ? body.baseUrl.replace(/\/+$/, "") : null;
  // Prisma's Json null needs its DbNull sentinel; an empty object means the same and needs none.
  if (body.catalog !== undefined) data.catalog = body.catalog ?? {};
  const row = await db.workspace.update({ where: { id: workspaceId }, data, select: providerSelect });
  return settingsOf(row, env);
}

/** The catalog and simulated flag a workspace's pages and estimates use; cheap, never decrypts the key. */
export interface WorkspaceModels {
  catalog: ModelCatalog;
  simulated: boolean;
  source: ProviderSource;
}

/** A workspace's resolved provider, for starting runs. */
export interface WorkspaceProvider extends WorkspaceModels {
  provider: ProviderConfig;
}

/** The workspace's catalog (defaults plus its overrides) and whether its runs are simulated. */
export async function workspaceModels(workspaceId: string, env: Env = process.env): Promise<WorkspaceModels> {
  const row = await loadRow(workspaceId);
  const source = sourceOf(row, env);
  return { catalog: applyCatalogOverrides(DEFAULT_CATALOG, overridesOf(row)), simulated: source === "simulator", source };
}

/**
 * Where a workspace's runs send model calls: its own key (with its base URL, else OpenAI's),
 * else `OPENAI_API_KEY`/`OPENAI_BASE_URL`, else the built-in simulator. The workspace's base
 * URL is only ever used with its own key, so the server's key never goes to a URL a workspace chose;
 * and only through the outbound guard, so it never reaches an address the operator did not allow.
 */
export async function workspaceProvider(workspaceId: string, env: Env = process.env): Promise<WorkspaceProvider> {
  const row = await loadRow(workspaceId);
  const source = sourceOf(row, env);
  const catalog = applyCatalogOverrides(DEFAULT_CATALOG, overridesOf(row));
  let provider: ProviderConfig = source === "env" ? providerFromEnv(env) : {};
  if (row.providerKeyEncrypted) {
    let apiKey: string;
    try {
      apiKey = decryptSecret(row.providerKeyEncrypted);
    } catch {
      throw new AppError("conflict", "The workspace's provider key can no longer be read (was TIERFLOW_SECRET changed?). An owner can enter it again in Settings → Provider.");
    }
    const chosen = row.providerBaseUrl ? { baseURL: row.providerBaseUrl, fetch: createGuardedFetch({ allowHosts: outboundAllowHosts(env) }) } : {};
    provider = { apiKey, ...chosen };
  }
  return { provider, catalog, simulated: source === "simulator", source };
}
