"use client";

import { useState } from "react";
import type { GraphDocument } from "@/lib/graph";
import type { RunDetail, RunListItem } from "@/lib/runs";
import { RunStoreProvider, useRunStore, useRunStoreApi } from "@/lib/stores/run";
import { CostPanel } from "@/components/run/cost-panel";
import { LiveCanvas } from "@/components/run/live-canvas";
import { Markdown } from "@/components/run/markdown";
import { RunHeader, useRunStatus } from "@/components/run/run-header";
import { RunHistory } from "@/components/run/run-history";
import { RunLauncher } from "@/components/run/run-launcher";
import { RunTimeline } from "@/components/run/run-timeline";
import { RunTranscript, type TranscriptSelection } from "@/components/run/run-transcript";
import { TracePanel, type TraceTab } from "@/components/run/trace-panel";
import { useRunEvents } from "@/components/run/use-run-events";

interface Props {
  run: RunDetail;
  history: RunListItem[];
  /** The graph as stored now, for "Run again"; null when it was deleted. */
  currentGraph: { id: string; graph: GraphDocument } | null;
  simulated: boolean;
}

/** The run page's interactive part: one run store, fed by the run's event stream. */
export function RunClient(props: Props) {
  return (
    // Keyed by run: moving to another run (history links) starts a fresh store.
    <RunStoreProvider key={props.run.id} init={{ graph: props.run.graph }}>
      <RunView {...props} />
    </RunStoreProvider>
  );
}

function RunView({ run, history, currentGraph, simulated }: Props) {
  const store = useRunStoreApi();
  useRunEvents(run.id, store);
  const status = useRunStatus(run.id, run.status);
  const [tab, setTab] = useState<TraceTab>("timeline");
  const [selection, setSelection] = useState<TranscriptSelection>({ nodeId: null, key: null });

  const selectNode = (nodeId: string) => {
    setSelection({ nodeId, key: null });
    setTab("transcript");
  };

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
        actions={
          currentGraph && (
            <RunLauncher graphId={currentGraph.id} graph={currentGraph.graph} simulated={simulated} label="Run again" initialInput={run.input} variant="secondary" />
          )
        }
      />
      <main className="grid flex-1 gap-4 p-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-4">
          <section aria-label="Live graph" className="h-[440px] overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs">
            <LiveCanvas graph={run.graph} selectedNodeId={tab === "transcript" ? selection.nodeId : null} onSelectNode={selectNode} />
          </section>
          <TracePanel tab={tab} onTab={setTab}>
            {tab === "timeline" && <RunTimeline graph={run.graph} />}
            {tab === "transcript" && <RunTranscript graph={run.graph} selection={selection} onSelect={setSelection} />}
            {tab === "cost" && <CostPanel graph={run.graph} />}
          </TracePanel>
        </div>
        <aside className="space-y-4">
          <section aria-labelledby="run-task" className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
            <h2 id="run-task" className="mb-1.5 text-sm font-semibold">
              Task
            </h2>
            <p className="max-h-48 overflow-y-auto text-sm whitespace-pre-wrap text-slate-700">{run.input}</p>
          </section>
          <RunResult fallbackOutput={run.output} fallbackError={run.error} />
          {run.graphId && <RunHistory graphId={run.graphId} initialRuns={history} currentRunId={run.id} refreshKey={status} />}
        </aside>
      </main>
    </>
  );
}

/** The run's answer once it ends (sanitised Markdown), whether the reviewer approved it, or why it stopped. */
function RunResult({ fallbackOutput, fallbackError }: { fallbackOutput: string | null; fallbackError: string | null }) {
  const output = useRunStore((s) => s.summary.output) ?? fallbackOutput;
  const approved = useRunStore((s) => s.summary.approved);
  const error = useRunStore((s) => s.summary.error) ?? fallbackError;
  const ended = useRunStore((s) => s.endedAt !== null);
  return (
    <section aria-labelledby="run-result" className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <div className="mb-1.5 flex items-center gap-2">
        <h2 id="run-result" className="text-sm font-semibold">
          Result
        </h2>
        {approved !== null && (
          <span className={approved ? "text-xs font-medium text-emerald-700" : "text-xs font-medium text-amber-700"}>
            {approved ? "✓ Approved by the reviewer" : "Not approved"}
          </span>
        )}
      </div>
      {output ? (
        <div className="max-h-[28rem] overflow-y-auto">
          <Markdown text={output} />
        </div>
      ) : error ? (
        <p className="text-sm text-red-700">{error}</p>
      ) : (
        <p className="text-sm text-slate-500">{ended ? "The run produced no output." : "The answer appears here when the run ends."}</p>
      )}
    </section>
  );
}
