import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { getProviderSettings, providerSettingsBody, updateProviderSettings } from "@/lib/workspaces/provider";

/** `GET /api/v1/provider`: any member may see the providers and the catalog; keys never leave the server. */
export const GET = withWorkspace(async ({ access }) => json(await getProviderSettings(access.workspace.id)));

/** `PUT /api/v1/provider`: owners only; the catalog (tier → model → provider, prices, capabilities). */
export const PUT = withWorkspace(
  async ({ request, access }) => json(await updateProviderSettings(access.workspace.id, await readJson(request, providerSettingsBody))),
  { minRole: "owner" },
);
