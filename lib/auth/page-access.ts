import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { WorkspaceRole } from "./roles";
import { resolveWorkspace, SWITCHED_PARAM, type WorkspaceAccess } from "./workspace-access";

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

/**
 * For a page whose resource is not in the active workspace. `holderOf` says which of the
 * signed-in caller's workspaces holds it (lib/graphs/locate.ts, lib/runs/locate.ts); when one
 * does, the browser goes through the switch route and back to `returnTo`. Otherwise — missing,
 * or someone else's — it is the 404 page: one lookup and one answer for both.
 */
export async function switchToHolderOrNotFound(access: WorkspaceAccess, returnTo: string, holderOf: (userId: string) => Promise<string | null>): Promise<never> {
  const holder = access.user ? await holderOf(access.user.id) : null;
  if (holder) redirect(`/api/v1/workspaces/current/switch?${new URLSearchParams({ workspaceId: holder, next: returnTo })}`);
  notFound();
}

/** The workspace name to announce when this page was reached through that switch (`?switched=<id>` naming the active one). */
export function switchedInto(access: WorkspaceAccess, searchParams: Record<string, string | string[] | undefined>): string | null {
  return searchParams[SWITCHED_PARAM] === access.workspace.id ? access.workspace.name : null;
}
