import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { listDatasets } from "@/lib/evals/datasets";
import { workspaceModels } from "@/lib/workspaces/provider";
import { DatasetList } from "@/components/evals/dataset-list";
import { AppHeader } from "@/components/workspace/app-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Datasets" };

/** The workspace's datasets: named sets of cases that experiments run graphs over. */
export default async function DatasetsPage() {
  const access = await pageAccess("/datasets");
  const [datasets, { simulated }] = await Promise.all([listDatasets(access.workspace.id), workspaceModels(access.workspace.id)]);
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <main className="mx-auto max-w-5xl px-5 py-10">
        <h1 className="mb-6 text-2xl font-semibold tracking-tight">Datasets</h1>
        <DatasetList datasets={datasets} canEdit={access.can("editor")} />
      </main>
    </div>
  );
}
