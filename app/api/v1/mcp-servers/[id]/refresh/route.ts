import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { refreshMcpServer } from "@/lib/workspaces/mcp-servers";

/** `POST /api/v1/mcp-servers/:id/refresh`: owners only; lists the tools again and stores the status. */
export const POST = withWorkspace<{ id: string }>(async ({ params, access }) => json(await refreshMcpServer(access.workspace.id, params.id)), {
  minRole: "owner",
});
