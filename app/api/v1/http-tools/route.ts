import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { createHttpTool, createHttpToolBody, listHttpTools } from "@/lib/workspaces/http-tools";

/** `GET /api/v1/http-tools`: every member sees the tools, never their header values. */
export const GET = withWorkspace(async ({ access }) => json({ tools: await listHttpTools(access.workspace.id) }));

/** `POST /api/v1/http-tools`: owners only; the parameters schema and URL are checked before saving. */
export const POST = withWorkspace(
  async ({ request, access }) => json(await createHttpTool(access.workspace.id, await readJson(request, createHttpToolBody)), { status: 201 }),
  { minRole: "owner" },
);
