import { pageAccess } from "@/lib/auth/page-access";
import { listGraphs } from "@/lib/graphs/service";
import { workspaceModels } from "@/lib/workspaces/provider";
import { AppHeader } from "@/components/workspace/app-header";
import { GraphList } from "@/components/workspace/graph-list";
import { NewGraphButton } from "@/components/workspace/new-graph-button";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const access = await pageAccess("/");
  const [graphs, { simulated }] = await Promise.all([listGraphs(access.workspace.id), workspaceModels(access.workspace.id)]);
  // Viewers see the list; creating, renaming and deleting need the editor role (the API checks it too).
  const canEdit = access.can("editor");
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <main className="mx-auto max-w-4xl px-5 py-10">
        <div className="mb-6 flex items-center justify-between gap-4">
          <h1 className="text-2xl font-semibold tracking-tight">Graphs</h1>
          {canEdit && <NewGraphButton />}
        </div>
        <GraphList graphs={graphs} canEdit={canEdit} />
      </main>
    </div>
  );
}
