import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { workspaceModels } from "@/lib/workspaces/provider";

export const GET = withWorkspace(async ({ access }) => {
  const { catalog, simulated } = await workspaceModels(access.workspace.id);
  return json({ simulated, tiers: catalog.tiers, models: Object.values(catalog.models) });
});
