"use client";

import type { GraphDocument } from "@/lib/graph";
import type { RunDetail, RunListItem } from "@/lib/runs";
import { RunStoreProvider, useRunStoreApi } from "@/lib/stores/run";
import { RunBody } from "@/components/run/run-body";
import { RunHeader, useRunStatus } from "@/components/run/run-header";
import { RunHistory } from "@/components/run/run-history";
import { RunLauncher } from "@/components/run/run-launcher";
import { privateRunUrl } from "@/components/run/run-api";
import { ShareButton } from "@/components/run/share-dialog";
import { useRunEvents } from "@/components/run/use-run-events";
import { buttonClass } from "@/components/ui/button";

interface Props {
  run: RunDetail;
  history: RunListItem[];
  /** The graph as stored now, for "Run again"; null when it was deleted. */
  currentGraph: { id: string; graph: GraphDocument } | null;
  simulated: boolean;
  /** Editors and owners cancel and start runs; viewers only watch. */
  canRun: boolean;
}

/** The run page's interactive part: one run store, fed by the run's event stream. */
export function RunClient(props: Props) {
  return (
    // Keyed by run: moving to another run (history links) starts a fresh store.
    <RunStoreProvider key={props.run.id} init={{ graph: props.run.graph, catalog: props.run.catalog }}>
      <RunView {...props} />
    </RunStoreProvider>
  );
}

function RunView({ run, history, currentGraph, simulated, canRun }: Props) {
  const store = useRunStoreApi();
  useRunEvents(run.id, store);
  const status = useRunStatus(run.id, run.status);

  return (
    <>
      <RunHeader
        runId={run.id}
        graphId={run.graphId}
        graphName={run.graphName}
        simulated={run.simulated}
        status={status}
        fallbackStartedAt={run.startedAt ? Date.parse(run.startedAt) : null}
        fallbackEndedAt={run.endedAt ? Date.parse(run.endedAt) : null}
        canCancel={canRun}
        actions={
          <>
            <a href={`${privateRunUrl(run.id)}/trace`} download className={buttonClass("secondary")}>
              Download trace
            </a>
            <ShareButton runId={run.id} canManage={canRun} />
            {canRun && currentGraph && (
              <RunLauncher graphId={currentGraph.id} graph={currentGraph.graph} simulated={simulated} label="Run again" initialInput={run.input} variant="secondary" />
            )}
          </>
        }
      />
      <RunBody
        run={{ id: run.id, graphName: run.graphName, status }}
        graph={run.graph}
        status={status}
        input={run.input}
        fallbackOutput={run.output}
        fallbackError={run.error}
        catalog={run.catalog}
        simulated={run.simulated}
        canDecide={canRun}
        aside={run.graphId && <RunHistory graphId={run.graphId} initialRuns={history} currentRunId={run.id} refreshKey={status} />}
      />
    </>
  );
}
