import { withWorkspace } from "@/lib/api/guard";
import { accepts, json, readJson } from "@/lib/api/respond";
import { getGraph } from "@/lib/graphs/service";
import { listRuns, startedRunStream, startRun, startRunBody } from "@/lib/runs";

type Params = { id: string };

export const GET = withWorkspace<Params>(async ({ params, access }) => {
  await getGraph(access.workspace.id, params.id);
  return json({ runs: await listRuns(access.workspace.id, params.id) });
});

export const POST = withWorkspace<Params>(
  async ({ request, params, access }) => {
    const body = await readJson(request, startRunBody);
    const run = await startRun(access.workspace.id, params.id, body);
    if (accepts(request, "text/event-stream")) return startedRunStream(access.workspace.id, run.id, request.signal);
    return json(run, { status: 201 });
  },
  { minRole: "editor" },
);
