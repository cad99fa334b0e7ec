import { withWorkspace } from "@/lib/api/guard";
import { json, readQuery } from "@/lib/api/respond";
import { listRunsQuery, listWorkspaceRuns } from "@/lib/runs";

/** `GET /api/v1/runs?status=&graphId=&cursor=&limit=`: the workspace's runs, newest first, a page at a time. */
export const GET = withWorkspace(async ({ request, access }) => json(await listWorkspaceRuns(access.workspace.id, readQuery(request, listRunsQuery))));
