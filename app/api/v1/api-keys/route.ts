import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { createApiKey, createApiKeyBody, listApiKeys } from "@/lib/auth/api-keys";

// Owner only: API keys act as editors, so a key can never mint or list keys itself.
export const GET = withWorkspace(async ({ access }) => json({ apiKeys: await listApiKeys(access.workspace.id) }), { minRole: "owner" });

/** `POST /api/v1/api-keys`: the 201 body carries `key`, shown this once and never stored. */
export const POST = withWorkspace(
  async ({ request, access }) => {
    const body = await readJson(request, createApiKeyBody);
    return json(await createApiKey(access.workspace.id, body, access.user?.id ?? null), { status: 201 });
  },
  { minRole: "owner" },
);
