import { withWorkspace } from "@/lib/api/guard";
import { readQuery } from "@/lib/api/respond";
import { exportCases } from "@/lib/evals/datasets";
import { exportQuery } from "@/lib/evals/schemas";

type Params = { id: string };

/** `GET /api/v1/datasets/:id/export?format=csv|jsonl`: the cases as a file, in the columns the importer reads. */
export const GET = withWorkspace<Params>(async ({ request, params, access }) => {
  const { format } = readQuery(request, exportQuery);
  const { name, text } = await exportCases(access.workspace.id, params.id, format);
  const file = `${name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "dataset"}.${format}`;
  return new Response(text, {
    headers: { "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${file}"` },
  });
});
