import type { Metadata } from "next";
import { pageAccess, switchToHolderOrNotFound, switchedInto } from "@/lib/auth/page-access";
import { SWITCHED_PARAM, type WorkspaceAccess } from "@/lib/auth/workspace-access";
import { AppError } from "@/lib/errors";
import { getGraph } from "@/lib/graphs/service";
import { getRunDetail, listRuns, type RunDetail } from "@/lib/runs";
import { myWorkspaceHoldingRun } from "@/lib/runs/locate";
import { workspaceModels } from "@/lib/workspaces/provider";
import { UnreadableDocument } from "@/components/ui/unreadable-document";
import { AppHeader } from "@/components/workspace/app-header";
import { SwitchedNotice } from "@/components/workspace/switched-notice";
import { RunClient } from "./run-client";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The run, a switch to another of the caller's workspaces that holds it, a 404 page (a
 * stranger's run answers like a missing one), or (as a string) why its graph snapshot cannot be read.
 */
async function loadRun(access: WorkspaceAccess, id: string): Promise<RunDetail | string> {
  try {
    return await getRunDetail(access.workspace.id, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      await switchToHolderOrNotFound(access, `/runs/${id}`, (userId) => myWorkspaceHoldingRun(userId, id));
    }
    if (error instanceof AppError && error.code === "unreadable_document") return error.message;
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const access = await pageAccess(`/runs/${id}`);
  const run = await loadRun(access, id);
  return { title: typeof run === "string" ? "Unreadable run" : `Run of ${run.graphName}` };
}

/** A run's live view: the server loads the run and its graph's history; the client follows its events. */
export default async function RunPage({ params, searchParams }: Props) {
  const { id } = await params;
  const access = await pageAccess(`/runs/${id}`);
  const run = await loadRun(access, id);
  const { simulated } = await workspaceModels(access.workspace.id);
  const switched = switchedInto(access, await searchParams);
  const notice = switched && <SwitchedNotice workspaceName={switched} marker={SWITCHED_PARAM} />;
  if (typeof run === "string") {
    return (
      <div className="min-h-screen">
        {notice}
        <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
        <UnreadableDocument
          title="This run can’t be shown"
          reason={run}
          advice="The run’s record is kept unchanged. If it was made by a newer version of Tierflow, update this server to view it."
          back={{ href: "/", label: "Back to graphs" }}
        />
      </div>
    );
  }
  const graphId = run.graphId;
  const [history, current] = graphId
    ? await Promise.all([listRuns(access.workspace.id, graphId, 30), getGraph(access.workspace.id, graphId).catch(() => null)])
    : [[], null];

  return (
    <div className="flex min-h-screen flex-col">
      {notice}
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <RunClient
        run={run}
        history={history}
        currentGraph={current ? { id: current.id, graph: current.graph } : null}
        simulated={simulated}
        canRun={access.can("editor")}
      />
    </div>
  );
}
