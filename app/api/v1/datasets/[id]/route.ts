import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { deleteDataset, getDataset, updateDataset } from "@/lib/evals/datasets";
import { updateDatasetBody } from "@/lib/evals/schemas";

type Params = { id: string };

export const GET = withWorkspace<Params>(async ({ params, access }) => json(await getDataset(access.workspace.id, params.id)));

export const PATCH = withWorkspace<Params>(
  async ({ request, params, access }) => json(await updateDataset(access.workspace.id, params.id, await readJson(request, updateDatasetBody))),
  { minRole: "editor" },
);

export const DELETE = withWorkspace<Params>(
  async ({ params, access }) => {
    await deleteDataset(access.workspace.id, params.id);
    return new Response(null, { status: 204 });
  },
  { minRole: "editor" },
);
