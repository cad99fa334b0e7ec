import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";

export const WORKSPACE_ROLES = ["viewer", "editor", "owner"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** Who is calling, in which workspace, and what they may do there. */
export interface WorkspaceAccess {
  workspace: { id: string; slug: string; name: string };
  role: WorkspaceRole;
  can(minRole: WorkspaceRole): boolean;
}

function accessFor(workspace: WorkspaceAccess["workspace"], role: WorkspaceRole): WorkspaceAccess {
  return { workspace, role, can: (min) => WORKSPACE_ROLES.indexOf(role) >= WORKSPACE_ROLES.indexOf(min) };
}

/**
 * Resolves the caller's workspace. Until accounts exist every caller is the owner of the
 * local default workspace; sign-in, API keys and roles plug in here, and only here.
 */
export async function resolveWorkspace(_request?: Request): Promise<WorkspaceAccess> {
  await ensureDatabase();
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { slug: DEFAULT_WORKSPACE_SLUG },
    select: { id: true, slug: true, name: true },
  });
  return accessFor(workspace, "owner");
}
