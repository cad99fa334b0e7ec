import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { deleteProvider, updateProvider, updateProviderBody } from "@/lib/workspaces/provider-entries";

type Params = { id: string };

/** `PATCH /api/v1/providers/:id`: owners only; checked again after saving. */
export const PATCH = withWorkspace<Params>(
  async ({ request, params, access }) => json(await updateProvider(access.workspace.id, params.id, await readJson(request, updateProviderBody))),
  { minRole: "owner" },
);

/** `DELETE /api/v1/providers/:id`: owners only; refused while a model still uses it. */
export const DELETE = withWorkspace<Params>(async ({ params, access }) => json(await deleteProvider(access.workspace.id, params.id)), { minRole: "owner" });
