import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { listGraphs } from "@/lib/graphs/service";
import { listRunsQuery, listWorkspaceRuns } from "@/lib/runs";
import { workspaceModels } from "@/lib/workspaces/provider";
import { AppHeader } from "@/components/workspace/app-header";
import { RunsClient } from "./runs-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

const PAGE_SIZE = 25;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** Every run of the workspace, newest first; `?status=` and `?graphId=` filter it as the API does. */
export default async function RunsPage({ searchParams }: Props) {
  const access = await pageAccess("/runs");
  const raw = await searchParams;
  // The filters go through the API's own schema; a filter it rejects is dropped and said so.
  const parsed = listRunsQuery.safeParse({ status: first(raw.status), graphId: first(raw.graphId) });
  const filters = parsed.success ? { status: parsed.data.status, graphId: parsed.data.graphId } : {};
  const [page, graphs, { simulated }] = await Promise.all([
    listWorkspaceRuns(access.workspace.id, { ...filters, limit: PAGE_SIZE }),
    listGraphs(access.workspace.id),
    workspaceModels(access.workspace.id),
  ]);
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <main className="mx-auto max-w-5xl px-5 py-10">
        <h1 className="mb-6 text-2xl font-semibold tracking-tight">Runs</h1>
        <RunsClient
          key={`${filters.status ?? ""}|${filters.graphId ?? ""}`}
          initialPage={page}
          pageSize={PAGE_SIZE}
          filters={filters}
          graphs={graphs.map(({ id, name }) => ({ id, name }))}
          filterRejected={!parsed.success}
        />
      </main>
    </div>
  );
}
