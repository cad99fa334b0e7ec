import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { getGraph } from "@/lib/graphs/service";
import { listRuns, startRun, startRunBody } from "@/lib/runs";

type Params = { id: string };

export const GET = withWorkspace<Params>(async ({ params, access }) => {
  await getGraph(access.workspace.id, params.id);
  return json({ runs: await listRuns(access.workspace.id, params.id) });
});

export const POST = withWorkspace<Params>(
  async ({ request, params, access }) => {
    const body = await readJson(request, startRunBody);
    return json(await startRun(access.workspace.id, params.id, body), { status: 201 });
  },
  { minRole: "editor" },
);
