import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { getProviderSettings, providerSettingsBody, updateProviderSettings } from "@/lib/workspaces/provider";

/** `GET /api/v1/provider`: any member may see where runs go; the key itself never leaves the server. */
export const GET = withWorkspace(async ({ access }) => json(await getProviderSettings(access.workspace.id)));

/** `PUT /api/v1/provider`: owners only; `apiKey: ""` keeps the stored key, `clearKey: true` removes it. */
export const PUT = withWorkspace(
  async ({ request, access }) => {
    const body = await readJson(request, providerSettingsBody);
    return json(await updateProviderSettings(access.workspace.id, body));
  },
  { minRole: "owner" },
);
