import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { getExperiment } from "@/lib/evals/experiments";

type Params = { id: string };

/** `GET /api/v1/experiments/:id`: progress, every case's grade and run, and the results per variant. */
export const GET = withWorkspace<Params>(async ({ params, access }) => json(await getExperiment(access.workspace.id, params.id)));
