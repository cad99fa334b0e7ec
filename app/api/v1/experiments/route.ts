import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { listExperiments, startExperiment, startExperimentBody } from "@/lib/evals/experiments";

/** `GET /api/v1/experiments`: the workspace's latest experiments and advisor searches. */
export const GET = withWorkspace(async ({ access }) => json({ experiments: await listExperiments(access.workspace.id) }));

/** `POST /api/v1/experiments`: runs a graph over a dataset once per variant; answers at once, progress via GET. */
export const POST = withWorkspace(
  async ({ request, access }) => json(await startExperiment(access.workspace.id, await readJson(request, startExperimentBody)), { status: 201 }),
  { minRole: "editor" },
);
