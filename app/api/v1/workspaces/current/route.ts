import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { deleteWorkspaceBody, workspaceBody } from "@/lib/auth/schemas";
import { deleteWorkspace, renameWorkspace } from "@/lib/auth/workspace-membership";

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

/**
 * `DELETE /api/v1/workspaces/current` `{ confirmName }`: deletes it with everything in it (owners;
 * `confirmName` repeats its name). The caller's next request lands in another of their workspaces, or on creating one.
 */
export const DELETE = withWorkspace(
  async ({ request, access }) => {
    const { confirmName } = await readJson(request, deleteWorkspaceBody);
    await deleteWorkspace(access.workspace.id, confirmName);
    return new Response(null, { status: 204 });
  },
  { minRole: "owner" },
);
