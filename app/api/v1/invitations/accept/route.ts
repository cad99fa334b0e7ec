import { json, readJson } from "@/lib/api/respond";
import { withSession } from "@/lib/api/session-guard";
import { acceptInvitation } from "@/lib/auth/invitations";
import { acceptInvitationBody } from "@/lib/auth/schemas";
import { activeWorkspaceCookie } from "@/lib/auth/workspace-access";

/**
 * `POST /api/v1/invitations/accept` `{ token }`: joins the invitation's workspace and makes it
 * active. Needs a session but no workspace: this is how people without one get in.
 */
export const POST = withSession(async ({ request, user }) => {
  const { token } = await readJson(request, acceptInvitationBody);
  const result = await acceptInvitation(token, user.id);
  return json(result, { headers: { "set-cookie": activeWorkspaceCookie(result.workspaceId, request) } });
});
