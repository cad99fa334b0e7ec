"use client";

import { useState, type ReactNode } from "react";
import type { RunStatus } from "@/lib/engine/events";
import type { GraphDocument } from "@/lib/graph";
import type { ModelCatalog } from "@/lib/models/catalog";
import { useRunStore } from "@/lib/stores/run";
import { ApprovalWait } from "./approval-wait";
import { CostPanel } from "./cost-panel";
import { LiveCanvas } from "./live-canvas";
import { Markdown } from "./markdown";
import { ResultActions, type ResultRun } from "./result-actions";
import { RunTimeline } from "./run-timeline";
import { RunTranscript, type TranscriptSelection } from "./run-transcript";
import { TracePanel, type TraceTab } from "./trace-panel";

/**
 * The body of a run's view, below its header: the live graph, the trace (timeline, transcript,
 * cost), the task and the result, plus whatever the page adds to the side column. Used by the
 * run page and, read-only, by the share page.
 */
export function RunBody({
  run,
  graph,
  status,
  input,
  fallbackOutput,
  fallbackError,
  promptsHidden = false,
  taskHidden = false,
  catalog,
  simulated,
  canDecide = false,
  aside,
}: {
  /** The run whose result the Result section offers to copy and download. */
  run: ResultRun;
  graph: GraphDocument;
  /** The run's status as the header shows it (the cost panel counts a saving only for success). */
  status: RunStatus;
  input: string;
  /** What the server knew when the page loaded, for a run whose events end without a final one. */
  fallbackOutput: string | null;
  fallbackError: string | null;
  promptsHidden?: boolean;
  /** A share link left the task out (the server sent none). */
  taskHidden?: boolean;
  /** Prices the estimate for the rest of a run waiting at an approval step. */
  catalog: ModelCatalog;
  simulated: boolean;
  /** Editors decide approval steps; everyone else (and the share page) sees them read-only. */
  canDecide?: boolean;
  aside?: ReactNode;
}) {
  const [tab, setTab] = useState<TraceTab>("timeline");
  const [selection, setSelection] = useState<TranscriptSelection>({ nodeId: null, key: null });

  const selectNode = (nodeId: string) => {
    setSelection({ nodeId, key: null });
    setTab("transcript");
  };

  return (
    <main className="grid flex-1 gap-4 p-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-4">
        <ApprovalWait runId={run.id} graph={graph} input={input} catalog={catalog} simulated={simulated} canDecide={canDecide} />
        <section aria-label="Live graph" className="h-[440px] overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs">
          <LiveCanvas graph={graph} selectedNodeId={tab === "transcript" ? selection.nodeId : null} onSelectNode={selectNode} />
        </section>
        <TracePanel tab={tab} onTab={setTab}>
          {tab === "timeline" && <RunTimeline graph={graph} />}
          {tab === "transcript" && <RunTranscript graph={graph} selection={selection} onSelect={setSelection} promptsHidden={promptsHidden} />}
          {tab === "cost" && <CostPanel graph={graph} status={status} />}
        </TracePanel>
      </div>
      <aside className="space-y-4">
        <section aria-labelledby="run-task" className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
          <h2 id="run-task" className="mb-1.5 text-sm font-semibold">
            Task
          </h2>
          {taskHidden ? (
            <p className="text-sm text-slate-500">The task is hidden on this shared link.</p>
          ) : (
            <p className="max-h-48 overflow-y-auto text-sm whitespace-pre-wrap text-slate-700">{input}</p>
          )}
        </section>
        <RunResult run={run} input={input} fallbackOutput={fallbackOutput} fallbackError={fallbackError} />
        {aside}
      </aside>
    </main>
  );
}

/** The run's answer once it ends (sanitised Markdown) with ways to take it away, whether the reviewer approved it, or why it stopped. */
function RunResult({ run, input, fallbackOutput, fallbackError }: { run: ResultRun; input: string; fallbackOutput: string | null; fallbackError: string | null }) {
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
        <>
          <div className="max-h-[28rem] overflow-y-auto">
            <Markdown text={output} />
          </div>
          <ResultActions run={run} input={input} output={output} approved={approved} />
        </>
      ) : error ? (
        <p className="text-sm text-red-700">{error}</p>
      ) : (
        <p className="text-sm text-slate-500">{ended ? "The run produced no output." : "The answer appears here when the run ends."}</p>
      )}
    </section>
  );
}
