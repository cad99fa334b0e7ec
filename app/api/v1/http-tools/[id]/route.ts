import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { deleteHttpTool, updateHttpTool, updateHttpToolBody } from "@/lib/workspaces/http-tools";

type Params = { id: string };

/** `PATCH /api/v1/http-tools/:id`: owners only; a header sent empty keeps its stored value. */
export const PATCH = withWorkspace<Params>(
  async ({ request, params, access }) => json(await updateHttpTool(access.workspace.id, params.id, await readJson(request, updateHttpToolBody))),
  { minRole: "owner" },
);

/** `DELETE /api/v1/http-tools/:id`: owners only. */
export const DELETE = withWorkspace<Params>(async ({ params, access }) => json(await deleteHttpTool(access.workspace.id, params.id)), {
  minRole: "owner",
});
