import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { deleteHttpTool } from "@/lib/workspaces/http-tools";

type Params = { id: string };

/** `DELETE /api/v1/http-tools/:id`: owners only. */
export const DELETE = withWorkspace<Params>(async ({ params, access }) => json(await deleteHttpTool(access.workspace.id, params.id)), {
  minRole: "owner",
});
