import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { resumeRun } from "@/lib/runs";

export const POST = withWorkspace<{ id: string }>(
  async ({ params, access }) => json(await resumeRun(access.workspace.id, params.id)),
  { minRole: "editor" },
);
