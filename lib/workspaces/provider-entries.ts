import { z } from "zod";
import { encryptSecret } from "@/lib/auth/secrets";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createModelClient, storedOverrides, type ProviderConfig } from "@/lib/models";
import { PROVIDER_KINDS, providerKindSchema } from "@/lib/models/providers";
import { BlockedHostError, checkOutboundUrl, outboundAllowHosts } from "@/lib/tools";
import {
  connectionOf,
  ENV_PROVIDER_ID,
  kindOf,
  providerRowSelect,
  SIMULATOR_PROVIDER_ID,
  summaryOf,
  workspaceProvider,
  type ProviderRow,
  type ProviderSummary,
} from "./provider";

type Env = Record<string, string | undefined>;

const baseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((value) => value === "" || (/^https?:\/\/\S+$/i.test(value) && URL.canParse(value)), "Enter an http(s) URL, e.g. http://ollama.internal:11434/v1.")
  .refine((value) => {
    const url = URL.parse(value);
    return !url?.username && !url?.password;
  }, "Put credentials in the API key field, not in the URL.");

/** `POST /api/v1/providers`. A blank base URL means the kind's default. */
export const createProviderBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: providerKindSchema,
  apiKey: z.string().trim().max(1000).optional(),
  baseUrl: baseUrlSchema.nullable().optional(),
  /** Serve the catalog's models that name no provider (the default GPT family). */
  isDefault: z.boolean().optional(),
});

/** `PATCH /api/v1/providers/:id`. `apiKey` "" or absent keeps the stored key; `clearKey: true` removes it. */
export const updateProviderBody = createProviderBody.partial().extend({ clearKey: z.boolean().optional() });

export type CreateProviderBody = z.infer<typeof createProviderBody>;
export type UpdateProviderBody = z.infer<typeof updateProviderBody>;

/** What Test connection found: the provider's models, or its exact error. */
export interface ConnectionCheck {
  ok: boolean;
  /** Model ids `/models` listed (empty when it failed). */
  models: string[];
  /** The model the tiny test call went to, if one was made. */
  testedModel: string | null;
  /** The provider's own words, when something failed. */
  error: string | null;
}

/** A saved provider and what checking it found: a bogus key or an unreachable URL is saved, with the warning. */
export interface SavedProvider {
  provider: ProviderSummary;
  check: ConnectionCheck;
}

function unprocessable(path: string[], message: string): AppError {
  return new AppError("unprocessable", message, [{ path, message }]);
}

// A save waits this long for DNS at most; a name that does not resolve yet is checked again on every run.
const SAVE_LOOKUP_MS = 3000;
// Test connection gives a slow server this long for its model list and its one tiny call.
const TEST_TIMEOUT_MS = 15_000;

/** Refuses at save time a base URL the outbound guard would refuse at run time, so the owner learns why now. */
async function assertAllowedBaseUrl(baseUrl: string, env: Env): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, SAVE_LOOKUP_MS)));
  try {
    await Promise.race([checkOutboundUrl(new URL(baseUrl), outboundAllowHosts(env)), gaveUp]);
  } catch (error) {
    if (!(error instanceof BlockedHostError)) return; // DNS trouble is not a verdict; the check below says if it persists
    throw unprocessable(["baseUrl"], `This base URL is not allowed: ${error.reason}.`);
  } finally {
    clearTimeout(timer);
  }
}

async function findRow(workspaceId: string, id: string): Promise<ProviderRow> {
  const row = await db.modelProvider.findFirst({ where: { id, workspaceId }, select: providerRowSelect });
  if (!row) throw AppError.notFound("Provider");
  return row;
}

function cleanBaseUrl(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value ? value.replace(/\/+$/, "") : null;
}

/** Only one provider serves the unnamed models: making one the default unmakes the others. */
async function writeRow(workspaceId: string, write: () => Promise<ProviderRow>, isDefault: boolean | undefined): Promise<ProviderRow> {
  try {
    if (!isDefault) return await write();
    const [, row] = await db.$transaction(async (tx) => [await tx.modelProvider.updateMany({ where: { workspaceId }, data: { isDefault: false } }), await write()]);
    return row;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "P2002") throw unprocessable(["name"], "Another provider of this workspace has this name.");
    throw error;
  }
}

/** Adds a provider (owners), then checks it: the answer carries the check, so a failing one warns instead of "Saved.". */
export async function createProvider(workspaceId: string, body: CreateProviderBody, env: Env = process.env): Promise<SavedProvider> {
  const baseUrl = cleanBaseUrl(body.baseUrl) ?? null;
  if (!baseUrl && !PROVIDER_KINDS[body.kind].defaultBaseUrl) throw unprocessable(["baseUrl"], `A ${PROVIDER_KINDS[body.kind].label} provider needs its base URL.`);
  await assertAllowedBaseUrl(baseUrl ?? PROVIDER_KINDS[body.kind].defaultBaseUrl!, env);
  const key = body.apiKey ? { keyEncrypted: encryptSecret(body.apiKey), keyLast4: body.apiKey.slice(-4) } : {};
  const data = { workspaceId, name: body.name, kind: body.kind, baseUrl, isDefault: body.isDefault ?? false, ...key };
  const row = await writeRow(workspaceId, () => db.modelProvider.create({ data, select: providerRowSelect }), body.isDefault);
  return { provider: summaryOf(row), check: await checkConnection(workspaceId, row, env) };
}

/** Changes a provider (owners) and checks it again. */
export async function updateProvider(workspaceId: string, id: string, body: UpdateProviderBody, env: Env = process.env): Promise<SavedProvider> {
  const current = await findRow(workspaceId, id);
  if (body.clearKey && body.apiKey) throw new AppError("bad_request", "Send either a new key or clearKey, not both.");
  const kind = body.kind ?? kindOf(current);
  const baseUrl = body.baseUrl === undefined ? current.baseUrl : cleanBaseUrl(body.baseUrl)!;
  if (!baseUrl && !PROVIDER_KINDS[kind].defaultBaseUrl) throw unprocessable(["baseUrl"], `A ${PROVIDER_KINDS[kind].label} provider needs its base URL.`);
  if (body.baseUrl !== undefined || body.kind !== undefined) await assertAllowedBaseUrl(baseUrl ?? PROVIDER_KINDS[kind].defaultBaseUrl!, env);
  const data: Prisma.ModelProviderUpdateInput = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.baseUrl !== undefined ? { baseUrl } : {}),
    ...(body.isDefault !== undefined ? { isDefault: body.isDefault } : {}),
    ...(body.clearKey ? { keyEncrypted: null, keyLast4: null } : body.apiKey ? { keyEncrypted: encryptSecret(body.apiKey), keyLast4: body.apiKey.slice(-4) } : {}),
  };
  const row = await writeRow(workspaceId, () => db.modelProvider.update({ where: { id }, data, select: providerRowSelect }), body.isDefault);
  return { provider: summaryOf(row), check: await checkConnection(workspaceId, row, env) };
}

/** Removes a provider (owners); refused while a model of the catalog still names it, so no tier is left pointing nowhere. */
export async function deleteProvider(workspaceId: string, id: string): Promise<{ id: string }> {
  await findRow(workspaceId, id);
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { catalog: true } });
  const users = Object.entries(storedOverrides(workspace.catalog).models ?? {})
    .filter(([, o]) => o.provider === id)
    .map(([model]) => model);
  if (users.length > 0) throw new AppError("conflict", `Models still use this provider: ${users.join(", ")}. Map them to another provider first.`);
  await db.modelProvider.delete({ where: { id } });
  return { id };
}

/** `POST /api/v1/providers/:id/test`: lists the provider's models and makes one tiny call; the simulator and the server's provider can be tested too. */
export async function testProvider(workspaceId: string, id: string, env: Env = process.env): Promise<ConnectionCheck> {
  if (id === SIMULATOR_PROVIDER_ID || id === ENV_PROVIDER_ID) {
    const entry = (await workspaceProvider(workspaceId, env)).providers[id];
    if (!entry) throw AppError.notFound("Provider");
    return probe(entry.config, await modelFor(workspaceId, id));
  }
  return checkConnection(workspaceId, await findRow(workspaceId, id), env);
}

async function checkConnection(workspaceId: string, row: ProviderRow, env: Env): Promise<ConnectionCheck> {
  return probe(connectionOf(row, env), await modelFor(workspaceId, row.id));
}

/** The model a test call should use: one the catalog maps to this provider, else the first the provider lists. */
async function modelFor(workspaceId: string, providerId: string): Promise<string | null> {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { catalog: true } });
  const mapped = Object.entries(storedOverrides(workspace?.catalog).models ?? {}).find(([, o]) => o.provider === providerId);
  return mapped?.[0] ?? null;
}

/** The provider's words, without the key: a vendor's 401 may echo it back. */
function failure(error: unknown, apiKey: string | undefined): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  // The SDK says only "Connection error."; the cause (the outbound guard, a refused port) says why.
  const message = error instanceof Error ? error.message : String(error);
  const full = cause && message === "Connection error." ? `${message} ${cause.message}` : message;
  return apiKey ? full.split(apiKey).join("[redacted]") : full;
}

async function probe(config: ProviderConfig, mapped: string | null): Promise<ConnectionCheck> {
  const { client } = createModelClient(config);
  const signal = AbortSignal.timeout(TEST_TIMEOUT_MS);
  let models: string[];
  try {
    models = (await client.models.list({ signal })).data.map((model) => model.id);
  } catch (error) {
    return { ok: false, models: [], testedModel: null, error: `Listing models failed: ${failure(error, config.apiKey)}` };
  }
  const model = mapped ?? models[0] ?? null;
  if (!model) return { ok: false, models, testedModel: null, error: "The provider lists no models." };
  try {
    await client.chat.completions.create({ model, messages: [{ role: "user", content: "Reply with OK." }], max_completion_tokens: 16 }, { signal });
  } catch (error) {
    return { ok: false, models, testedModel: model, error: `A test call to ${model} failed: ${failure(error, config.apiKey)}` };
  }
  return { ok: true, models, testedModel: model, error: null };
}
