import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { cancelRun } from "@/lib/runs";

export const POST = withWorkspace<{ id: string }>(
  async ({ params, access }) => json(await cancelRun(access.workspace.id, params.id)),
  { minRole: "editor" },
);
