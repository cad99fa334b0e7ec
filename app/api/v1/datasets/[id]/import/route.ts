import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { importCases } from "@/lib/evals/datasets";
import { importCasesBody } from "@/lib/evals/schemas";

type Params = { id: string };

/** `POST /api/v1/datasets/:id/import`: appends a CSV or JSONL file's cases, all or none (422 lists each bad row). */
export const POST = withWorkspace<Params>(
  async ({ request, params, access }) => {
    const body = await readJson(request, importCasesBody, 6 * 1024 * 1024);
    return json(await importCases(access.workspace.id, params.id, body.format, body.text));
  },
  { minRole: "editor" },
);
