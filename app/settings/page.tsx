import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { indefiniteArticle } from "@/lib/graph/text";
import { listMyWorkspaces } from "@/lib/auth/workspace-membership";
import { DeleteWorkspace } from "@/components/workspace/delete-workspace";
import { RenameWorkspaceForm } from "@/components/workspace/rename-workspace-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "General" };

/** General settings: the workspace's name (owners rename or delete it) and the caller's role. */
export default async function GeneralSettingsPage() {
  const access = await pageAccess("/settings");
  const mine = access.can("owner") && access.user ? await listMyWorkspaces(access.user.id) : [];
  return (
    <section aria-labelledby="general-heading" className="space-y-6">
      <div>
        <h1 id="general-heading" className="text-2xl font-semibold tracking-tight">
          General
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          You are {indefiniteArticle(access.role)} <strong>{access.role}</strong> in this workspace.
        </p>
      </div>
      {access.can("owner") ? (
        <RenameWorkspaceForm name={access.workspace.name} />
      ) : (
        <dl className="text-sm">
          <dt className="font-medium">Workspace name</dt>
          <dd className="mt-1 text-slate-700">{access.workspace.name}</dd>
          <dd className="mt-2 text-slate-500">Only owners rename the workspace.</dd>
        </dl>
      )}
      {access.can("owner") && access.via === "session" && <DeleteWorkspace name={access.workspace.name} onlyWorkspace={mine.length <= 1} />}
    </section>
  );
}
