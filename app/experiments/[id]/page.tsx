import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageAccess } from "@/lib/auth/page-access";
import { AppError } from "@/lib/errors";
import { getExperiment } from "@/lib/evals/experiments";
import { getGraph } from "@/lib/graphs/service";
import { workspaceModels } from "@/lib/workspaces/provider";
import { ExperimentView } from "@/components/evals/experiment-view";
import { AppHeader } from "@/components/workspace/app-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Experiment" };

type Props = { params: Promise<{ id: string }> };

export default async function ExperimentPage({ params }: Props) {
  const { id } = await params;
  const access = await pageAccess(`/experiments/${id}`);
  const experiment = await getExperiment(access.workspace.id, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const graph = experiment.graphId ? await getGraph(access.workspace.id, experiment.graphId).catch(() => null) : null;
  const { simulated } = await workspaceModels(access.workspace.id);
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <main className="mx-auto max-w-6xl px-5 py-10">
        <ExperimentView initial={experiment} labels={Object.fromEntries((graph?.graph.nodes ?? []).map((n) => [n.id, n.label]))} canEdit={access.can("editor")} />
      </main>
    </div>
  );
}
