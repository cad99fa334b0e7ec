import { withWorkspace } from "@/lib/api/guard";
import { revokeShareLink } from "@/lib/runs";

/** Revokes a share link: its page and stream answer 404 from now on. */
export const DELETE = withWorkspace<{ id: string }>(
  async ({ params, access }) => {
    await revokeShareLink(access.workspace.id, params.id);
    return new Response(null, { status: 204 });
  },
  { minRole: "editor" },
);
