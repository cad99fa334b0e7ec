import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { getRunTrace, traceFileName } from "@/lib/runs";

/** `GET /api/v1/runs/:id/trace`: the run and its whole event log as one JSON file (a download). */
export const GET = withWorkspace<{ id: string }>(async ({ params, access }) =>
  json(await getRunTrace(access.workspace.id, params.id), {
    headers: { "content-disposition": `attachment; filename="${traceFileName(params.id)}"`, "cache-control": "no-store" },
  }),
);
