import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { createGraphBody } from "@/lib/graphs/schemas";
import { createGraph, listGraphs } from "@/lib/graphs/service";

export const GET = withWorkspace(async ({ access }) => json({ graphs: await listGraphs(access.workspace.id) }));

export const POST = withWorkspace(
  async ({ request, access }) => {
    const body = await readJson(request, createGraphBody);
    return json(await createGraph(access.workspace.id, body), { status: 201 });
  },
  { minRole: "editor" },
);
