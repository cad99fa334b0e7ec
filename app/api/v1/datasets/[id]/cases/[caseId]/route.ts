import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { deleteCase, updateCase } from "@/lib/evals/datasets";
import { caseBody } from "@/lib/evals/schemas";

type Params = { id: string; caseId: string };

export const PUT = withWorkspace<Params>(
  async ({ request, params, access }) => json(await updateCase(access.workspace.id, params.id, params.caseId, await readJson(request, caseBody))),
  { minRole: "editor" },
);

export const DELETE = withWorkspace<Params>(
  async ({ params, access }) => {
    await deleteCase(access.workspace.id, params.id, params.caseId);
    return new Response(null, { status: 204 });
  },
  { minRole: "editor" },
);
