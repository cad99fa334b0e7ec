import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { revokeInvitation } from "@/lib/auth/invitations";

/** `DELETE /api/v1/invitations/:id`: revokes the link (owners); it answers 410 from then on. */
export const DELETE = withWorkspace<{ id: string }>(async ({ params, access }) => json(await revokeInvitation(access.workspace.id, params.id)), {
  minRole: "owner",
});
