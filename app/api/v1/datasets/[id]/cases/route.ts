import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { addCase } from "@/lib/evals/datasets";
import { caseBody } from "@/lib/evals/schemas";

type Params = { id: string };

/** `POST /api/v1/datasets/:id/cases`: one more case, after the others. */
export const POST = withWorkspace<Params>(
  async ({ request, params, access }) => json(await addCase(access.workspace.id, params.id, await readJson(request, caseBody)), { status: 201 }),
  { minRole: "editor" },
);
