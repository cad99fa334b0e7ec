import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { sessionUser } from "@/lib/auth/workspace-access";
import { listMyWorkspaces } from "@/lib/auth/workspace-membership";
import { ensureDatabase } from "@/lib/db";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { UserMenu } from "@/components/workspace/user-menu";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create a workspace" };

/** Where people without a workspace land, and where anyone starts another one. */
export default async function NewWorkspacePage() {
  await ensureDatabase();
  const user = await sessionUser(await headers());
  if (!user) redirect("/sign-in?next=%2Fworkspaces%2Fnew");
  const mine = await listMyWorkspaces(user.id);
  return (
    <div className="min-h-screen">
      <header className="flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-5">
        <span className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
            Tf
          </span>
          Tierflow
        </span>
        <div className="ml-auto">
          <UserMenu />
        </div>
      </header>
      <main className="mx-auto max-w-xl px-5 py-12">
        <h1 className="text-2xl font-semibold tracking-tight">Create a workspace</h1>
        <p className="mt-2 mb-6 text-sm text-slate-600">
          {mine.length === 0
            ? `Welcome, ${user.name}. A workspace holds your team's graphs, runs and keys. Create one, or open the invitation link someone sent you to join theirs.`
            : "A workspace holds a team's graphs, runs and keys. You will be its owner."}
        </p>
        <CreateWorkspaceForm />
        {mine.length > 0 && (
          <p className="mt-8 text-sm">
            <Link href="/" className="text-slate-600 underline">
              Back to your graphs
            </Link>
          </p>
        )}
      </main>
    </div>
  );
}
