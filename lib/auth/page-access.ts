import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { WorkspaceRole } from "./roles";
import { resolveWorkspace, type WorkspaceAccess } from "./workspace-access";

/**
 * The page-side twin of the API guard: the caller's workspace access, or a redirect —
 * to sign-in when signed out, to workspace creation when they belong to none.
 */
export async function pageAccess(returnTo: string, minRole?: WorkspaceRole): Promise<WorkspaceAccess> {
  let access: WorkspaceAccess;
  try {
    access = await resolveWorkspace(await headers());
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthorized") redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
    if (error instanceof AppError && error.code === "no_workspace") redirect("/workspaces/new");
    throw error;
  }
  if (minRole && !access.can(minRole)) redirect("/");
  return access;
}
