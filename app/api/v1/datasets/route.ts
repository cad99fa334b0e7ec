import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { createDataset, listDatasets } from "@/lib/evals/datasets";
import { createDatasetBody } from "@/lib/evals/schemas";

/** `GET /api/v1/datasets`: the workspace's datasets with their case counts. */
export const GET = withWorkspace(async ({ access }) => json({ datasets: await listDatasets(access.workspace.id) }));

/** `POST /api/v1/datasets`: a new dataset, optionally with its first cases. */
export const POST = withWorkspace(
  async ({ request, access }) => json(await createDataset(access.workspace.id, await readJson(request, createDatasetBody)), { status: 201 }),
  { minRole: "editor" },
);
