import { withWorkspace } from "@/lib/api/guard";
import { json, readQuery } from "@/lib/api/respond";
import { listShareLinksQuery, listWorkspaceShareLinks } from "@/lib/runs";

/** Every working share link of the workspace, newest first, for audit; viewers may list (no token is ever listed). */
export const GET = withWorkspace(async ({ request, access }) => json(await listWorkspaceShareLinks(access.workspace.id, readQuery(request, listShareLinksQuery))));
