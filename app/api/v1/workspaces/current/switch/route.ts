import { json, readJson } from "@/lib/api/respond";
import { withSession } from "@/lib/api/session-guard";
import { switchWorkspaceBody } from "@/lib/auth/schemas";
import { activeWorkspaceCookie } from "@/lib/auth/workspace-access";
import { requireMyWorkspace } from "@/lib/auth/workspace-membership";

/** `POST /api/v1/workspaces/current/switch` `{ workspaceId }`: makes one of the caller's workspaces the active one (a cookie). */
export const POST = withSession(async ({ request, user }) => {
  const { workspaceId } = await readJson(request, switchWorkspaceBody);
  const workspace = await requireMyWorkspace(user.id, workspaceId);
  return json(workspace, { headers: { "set-cookie": activeWorkspaceCookie(workspace.id, request) } });
});
