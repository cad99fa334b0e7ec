import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { createMcpServer, createMcpServerBody, listMcpServers } from "@/lib/workspaces/mcp-servers";

/** `GET /api/v1/mcp-servers`: every member sees the servers, their status and tools, never their secret values. */
export const GET = withWorkspace(async ({ access }) => json({ servers: await listMcpServers(access.workspace.id) }));

/** `POST /api/v1/mcp-servers`: owners only; the server is connected and its tools listed before the answer. */
export const POST = withWorkspace(
  async ({ request, access }) => json(await createMcpServer(access.workspace.id, await readJson(request, createMcpServerBody)), { status: 201 }),
  { minRole: "owner" },
);
