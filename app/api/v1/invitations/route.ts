import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { createInvitation, listInvitations } from "@/lib/auth/invitations";
import { publicUrl } from "@/lib/auth/public-origin";
import { invitationBody } from "@/lib/auth/schemas";

/** `GET /api/v1/invitations`: the workspace's invitation links, newest first, with their status (owners). */
export const GET = withWorkspace(async ({ access }) => json({ invitations: await listInvitations(access.workspace.id) }), { minRole: "owner" });

/** `POST /api/v1/invitations` `{ role, expiresInDays? }`: a new link (`url`, on the public origin); its token is in this answer only. */
export const POST = withWorkspace(
  async ({ request, access }) => {
    const body = await readJson(request, invitationBody);
    const created = await createInvitation(access.workspace.id, { ...body, createdById: access.user?.id ?? null });
    return json({ ...created, url: publicUrl(request, created.path) }, { status: 201 });
  },
  { minRole: "owner" },
);
