import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { listDatasets } from "@/lib/evals/datasets";
import { listExperiments } from "@/lib/evals/experiments";
import { presetVariants } from "@/lib/evals/variants";
import { AppError } from "@/lib/errors";
import { getGraph, listGraphs } from "@/lib/graphs/service";
import { workspaceModels } from "@/lib/workspaces/provider";
import { ExperimentForm } from "@/components/evals/experiment-form";
import { ExperimentList } from "@/components/evals/experiment-list";
import { AppHeader } from "@/components/workspace/app-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Experiments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** Experiments: run a graph over a dataset with tier variants, or let the tier advisor search. `?graphId=` picks the graph. */
export default async function ExperimentsPage({ searchParams }: Props) {
  const access = await pageAccess("/experiments");
  const raw = await searchParams;
  const [graphs, datasets, experiments, { simulated }] = await Promise.all([
    listGraphs(access.workspace.id),
    listDatasets(access.workspace.id),
    listExperiments(access.workspace.id),
    workspaceModels(access.workspace.id),
  ]);
  const graphId = first(raw.graphId) ?? graphs[0]?.id;
  const graph = graphId
    ? await getGraph(access.workspace.id, graphId).catch((error: unknown) => {
        if (error instanceof AppError) return null;
        throw error;
      })
    : null;
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <main className="mx-auto max-w-5xl space-y-10 px-5 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">Experiments</h1>
        {access.can("editor") && (
          <ExperimentForm
            key={graph?.id ?? "none"}
            graphs={graphs.map(({ id, name }) => ({ id, name }))}
            datasets={datasets.map(({ id, name, caseCount }) => ({ id, name, caseCount }))}
            graphId={graph?.id ?? null}
            datasetId={first(raw.datasetId) ?? datasets[0]?.id ?? null}
            presets={graph ? presetVariants(graph.graph) : []}
            simulated={simulated}
          />
        )}
        <ExperimentList experiments={experiments} />
      </main>
    </div>
  );
}
