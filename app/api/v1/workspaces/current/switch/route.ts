import { json, readJson, readQuery } from "@/lib/api/respond";
import { withSession } from "@/lib/api/session-guard";
import { safeNext } from "@/lib/auth/safe-next";
import { switchWorkspaceBody, switchWorkspaceQuery } from "@/lib/auth/schemas";
import { activeWorkspaceCookie, SWITCHED_PARAM } from "@/lib/auth/workspace-access";
import { requireMyWorkspace } from "@/lib/auth/workspace-membership";

/** `POST /api/v1/workspaces/current/switch` `{ workspaceId }`: makes one of the caller's workspaces the active one (a cookie). */
export const POST = withSession(async ({ request, user }) => {
  const { workspaceId } = await readJson(request, switchWorkspaceBody);
  const workspace = await requireMyWorkspace(user.id, workspaceId);
  return json(workspace, { headers: { "set-cookie": activeWorkspaceCookie(workspace.id, request) } });
});

/**
 * `GET /api/v1/workspaces/current/switch?workspaceId=…&next=/graphs/…`: the same switch for a
 * link into another of the caller's workspaces (pages cannot set cookies), then a 303 to `next`
 * marked `?switched=<id>` so the page says so. A GET changes only which of the caller's own
 * workspaces is active, as opening that link is meant to.
 */
export const GET = withSession(async ({ request, user }) => {
  const query = readQuery(request, switchWorkspaceQuery);
  const workspace = await requireMyWorkspace(user.id, query.workspaceId);
  const next = new URL(safeNext(query.next), "http://local");
  next.searchParams.set(SWITCHED_PARAM, workspace.id);
  return new Response(null, {
    status: 303,
    headers: { location: next.pathname + next.search + next.hash, "set-cookie": activeWorkspaceCookie(workspace.id, request), "cache-control": "no-store" },
  });
});
