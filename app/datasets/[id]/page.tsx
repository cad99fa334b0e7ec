import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageAccess } from "@/lib/auth/page-access";
import { AppError } from "@/lib/errors";
import { getDataset } from "@/lib/evals/datasets";
import { workspaceModels } from "@/lib/workspaces/provider";
import { DatasetEditor } from "@/components/evals/dataset-editor";
import { AppHeader } from "@/components/workspace/app-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dataset" };

type Props = { params: Promise<{ id: string }> };

export default async function DatasetPage({ params }: Props) {
  const { id } = await params;
  const access = await pageAccess(`/datasets/${id}`);
  const dataset = await getDataset(access.workspace.id, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { simulated } = await workspaceModels(access.workspace.id);
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <main className="mx-auto max-w-6xl px-5 py-10">
        <DatasetEditor initial={dataset} canEdit={access.can("editor")} />
      </main>
    </div>
  );
}
