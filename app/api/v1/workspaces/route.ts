import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { withSession } from "@/lib/api/session-guard";
import { workspaceBody } from "@/lib/auth/schemas";
import { activeWorkspaceCookie } from "@/lib/auth/workspace-access";
import { createWorkspace, listMyWorkspaces } from "@/lib/auth/workspace-membership";

/** `GET /api/v1/workspaces`: the caller's workspaces with their role, and which one is active. An API key sees only its own. */
export const GET = withWorkspace(async ({ access }) => {
  const workspaces = access.user ? await listMyWorkspaces(access.user.id) : [{ ...access.workspace, role: access.role }];
  return json({ activeWorkspaceId: access.workspace.id, user: access.user, workspaces });
});

/** `POST /api/v1/workspaces` `{ name }`: a new workspace owned by the caller, made active. */
export const POST = withSession(async ({ request, user }) => {
  const { name } = await readJson(request, workspaceBody);
  const workspace = await createWorkspace(user.id, name);
  return json(workspace, { status: 201, headers: { "set-cookie": activeWorkspaceCookie(workspace.id, request) } });
});
