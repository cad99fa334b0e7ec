import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { decideApproval, decideApprovalBody } from "@/lib/runs";

/** Decides a waiting run's approval step: approve (optionally with an edited text) or reject with a reason. */
export const POST = withWorkspace<{ id: string; nodeId: string }>(
  async ({ request, params, access }) => {
    const body = await readJson(request, decideApprovalBody);
    const decider = { userId: access.user?.id ?? null, name: access.user?.name ?? "an API key" };
    return json(await decideApproval(access.workspace.id, params.id, params.nodeId, decider, body));
  },
  { minRole: "editor" },
);
