import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { deleteMcpServer, updateMcpServer, updateMcpServerBody } from "@/lib/workspaces/mcp-servers";

type Params = { id: string };

/** `PATCH /api/v1/mcp-servers/:id`: owners only; the server is checked again. */
export const PATCH = withWorkspace<Params>(
  async ({ request, params, access }) => json(await updateMcpServer(access.workspace.id, params.id, await readJson(request, updateMcpServerBody))),
  { minRole: "owner" },
);

/** `DELETE /api/v1/mcp-servers/:id`: owners only. */
export const DELETE = withWorkspace<Params>(async ({ params, access }) => json(await deleteMcpServer(access.workspace.id, params.id)), {
  minRole: "owner",
});
