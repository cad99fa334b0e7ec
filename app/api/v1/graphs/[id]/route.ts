import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { updateGraphBody } from "@/lib/graphs/schemas";
import { deleteGraph, getGraph, updateGraph } from "@/lib/graphs/service";

type Params = { id: string };

export const GET = withWorkspace<Params>(async ({ params, access }) => json(await getGraph(access.workspace.id, params.id)));

export const PUT = withWorkspace<Params>(
  async ({ request, params, access }) => {
    const body = await readJson(request, updateGraphBody);
    return json(await updateGraph(access.workspace.id, params.id, body));
  },
  { minRole: "editor" },
);

export const DELETE = withWorkspace<Params>(
  async ({ params, access }) => {
    await deleteGraph(access.workspace.id, params.id);
    return new Response(null, { status: 204 });
  },
  { minRole: "editor" },
);
