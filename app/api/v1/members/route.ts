import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { listMembers } from "@/lib/auth/workspace-membership";

/** `GET /api/v1/members`: everyone in the workspace with their role. */
export const GET = withWorkspace(async ({ access }) => json({ members: await listMembers(access.workspace.id) }));
