import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashToken, newToken } from "./secrets";

/** An API key as lists show it: never the key itself, only its first characters. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What `POST /api/v1/api-keys` answers: the key, this once, beside its listing. */
export interface CreatedApiKey extends ApiKeyInfo {
  key: string;
}

export const createApiKeyBody = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(100, "Keep the name under 100 characters."),
});

export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

const KEY_PREFIX = "tf_key";
// "tf_key_" plus four random characters: enough to tell keys apart, far too little to guess one.
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 5;

type ApiKeyRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function toInfo(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const infoSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** Creates a key acting as an editor in `workspaceId`. Only its hash is stored: the returned key is the one copy. */
export async function createApiKey(workspaceId: string, body: CreateApiKeyBody, createdById: string | null): Promise<CreatedApiKey> {
  const key = newToken(KEY_PREFIX);
  const row = await db.apiKey.create({
    data: { workspaceId, name: body.name, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), keyHash: hashToken(key), createdById },
    select: infoSelect,
  });
  return { ...toInfo(row), key };
}

/** The workspace's keys, newest first, revoked ones included (they say when they stopped working). */
export async function listApiKeys(workspaceId: string): Promise<ApiKeyInfo[]> {
  const rows = await db.apiKey.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, select: infoSelect });
  return rows.map(toInfo);
}

/** Revokes a key at once; revoking it again changes nothing. Another workspace's key answers 404. */
export async function revokeApiKey(workspaceId: string, id: string): Promise<ApiKeyInfo> {
  const row = await db.apiKey.findFirst({ where: { id, workspaceId }, select: infoSelect });
  if (!row) throw AppError.notFound("API key");
  if (row.revokedAt) return toInfo(row);
  return toInfo(await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: infoSelect }));
}
