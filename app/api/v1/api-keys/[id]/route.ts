import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { revokeApiKey } from "@/lib/auth/api-keys";

type Params = { id: string };

/** `DELETE /api/v1/api-keys/:id` revokes the key (the row stays, so lists show when it stopped working). */
export const DELETE = withWorkspace<Params>(async ({ params, access }) => json(await revokeApiKey(access.workspace.id, params.id)), {
  minRole: "owner",
});
