import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { resolveWorkspace, type WorkspaceAccess } from "@/lib/auth/workspace-access";
import { workspaceModels } from "@/lib/workspaces/provider";
import { buttonClass } from "@/components/ui/button";
import { AppHeader } from "@/components/workspace/app-header";

export const metadata: Metadata = { title: "Not found" };

/** The signed-in caller's workspace for the header, or null (signed out, or in none yet). */
async function visitor(): Promise<{ access: WorkspaceAccess; simulated: boolean } | null> {
  try {
    const access = await resolveWorkspace(await headers());
    if (access.via !== "session") return null;
    return { access, simulated: (await workspaceModels(access.workspace.id)).simulated };
  } catch {
    return null;
  }
}

/**
 * Every 404 of the app: unknown addresses, and graphs or runs that do not exist or belong to a
 * workspace the caller is not in — one page for all of them, so it tells nobody which is which.
 */
export default async function NotFound() {
  const signedIn = await visitor();
  return (
    <div className="min-h-screen">
      {signedIn ? (
        <AppHeader workspaceName={signedIn.access.workspace.name} simulated={signedIn.simulated} />
      ) : (
        <header className="flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-5">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
              Tf
            </span>
            Tierflow
          </Link>
        </header>
      )}
      <main className="mx-auto max-w-xl px-5 py-16">
        <p className="text-sm font-semibold text-slate-500">404</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-3 text-sm text-slate-600">
          There is nothing here, or it belongs to a workspace you are not a member of. If someone sent you this link, ask them to invite you to their workspace.
        </p>
        <div className="mt-6">
          {signedIn ? (
            <Link href="/" className={buttonClass("primary")}>
              Back to graphs
            </Link>
          ) : (
            <Link href="/sign-in" className={buttonClass("primary")}>
              Sign in
            </Link>
          )}
        </div>
      </main>
    </div>
  );
}
