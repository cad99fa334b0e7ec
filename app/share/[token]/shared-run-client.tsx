"use client";

import type { SharedRun } from "@/lib/runs";
import { RunStoreProvider, useRunStore, useRunStoreApi } from "@/lib/stores/run";
import { RunBody } from "@/components/run/run-body";
import { RunHeader, useRunStatus } from "@/components/run/run-header";
import { useRunEvents } from "@/components/run/use-run-events";

interface Props {
  token: string;
  run: SharedRun;
}

/** The share page's interactive part: the run view, fed by the link's public event stream, with nothing to act on. */
export function SharedRunClient(props: Props) {
  return (
    <RunStoreProvider init={{ graph: props.run.graph, catalog: props.run.catalog }}>
      <SharedRunView {...props} />
    </RunStoreProvider>
  );
}

function SharedRunView({ token, run }: Props) {
  const store = useRunStoreApi();
  const runUrl = `/api/share/${encodeURIComponent(token)}`;
  useRunEvents(run.id, store, runUrl);
  const status = useRunStatus(run.id, run.status, runUrl);
  const lost = useRunStore((s) => s.connection === "error");

  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-5 font-semibold tracking-tight">
        <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
          Tf
        </span>
        Tierflow
      </header>
      <RunHeader
        runId={run.id}
        graphId={null}
        graphName={run.graphName}
        simulated={run.simulated}
        status={status}
        fallbackStartedAt={run.startedAt ? Date.parse(run.startedAt) : null}
        fallbackEndedAt={run.endedAt ? Date.parse(run.endedAt) : null}
        shared
      />
      {lost && (
        <p role="alert" className="border-b border-amber-200 bg-amber-50 px-5 py-2 text-sm text-amber-900">
          The live stream ended before the run did. The link may have been revoked; reload the page to check.
        </p>
      )}
      <RunBody run={{ id: run.id, graphName: run.graphName, status }} graph={run.graph} status={status} input={run.input} fallbackOutput={run.output} fallbackError={run.error} promptsHidden={run.hidePrompts} taskHidden={run.hideTask} catalog={run.catalog} simulated={run.simulated} />
    </div>
  );
}
