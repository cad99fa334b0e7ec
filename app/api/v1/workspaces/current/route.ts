import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { workspaceBody } from "@/lib/auth/schemas";
import { renameWorkspace } from "@/lib/auth/workspace-membership";

/** `GET /api/v1/workspaces/current`: the workspace the caller acts in, and their role there. */
export const GET = withWorkspace(async ({ access }) => json({ ...access.workspace, role: access.role }));

/** `PATCH /api/v1/workspaces/current` `{ name }`: renames it (owners). */
export const PATCH = withWorkspace(
  async ({ request, access }) => {
    const { name } = await readJson(request, workspaceBody);
    return json({ ...(await renameWorkspace(access.workspace.id, name)), role: access.role });
  },
  { minRole: "owner" },
);
