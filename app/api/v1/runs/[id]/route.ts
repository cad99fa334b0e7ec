import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { getRunDetail } from "@/lib/runs";

export const GET = withWorkspace<{ id: string }>(async ({ params, access }) => json(await getRunDetail(access.workspace.id, params.id)));
