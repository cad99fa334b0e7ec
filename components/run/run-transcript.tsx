"use client";

import { useShallow } from "zustand/react/shallow";
import { getRoleDefinition, type GraphDocument, type Role } from "@/lib/graph";
import { useRunStore, type InstanceKey } from "@/lib/stores/run";
import { RoleIcon } from "@/components/canvas/role-icon";
import { ROLE_STYLE } from "@/components/canvas/role-style";
import { cx } from "@/components/ui/cx";
import { estimatedNote, formatCost, formatDuration, formatTokens } from "./format";
import { FilesReadList } from "@/components/documents/files-read-list";
import { ApprovalDecision } from "./approval-wait";
import { NodeStatusBadge } from "./status-badge";
import { PlanList, PromptMessages, TranscriptEntries, VerdictCard } from "./transcript-entries";

/** Which node, and which of its instances, the transcript shows. */
export interface TranscriptSelection {
  nodeId: string | null;
  key: InstanceKey | null;
}

/**
 * Per node and instance: the prompt it got, what it streamed, its tool calls, verdict, errors and
 * retries. `promptsHidden`: a share link left the prompts out (the server removed them).
 */
export function RunTranscript({
  graph,
  selection,
  onSelect,
  promptsHidden = false,
}: {
  graph: GraphDocument;
  selection: TranscriptSelection;
  onSelect: (selection: TranscriptSelection) => void;
  promptsHidden?: boolean;
}) {
  const nodeId = selection.nodeId ?? graph.nodes[0]?.id ?? null;
  const keys = useRunStore(useShallow((s) => (nodeId ? (s.nodeInstances[nodeId] ?? []) : [])));
  const key = selection.key && keys.includes(selection.key) ? selection.key : (keys.at(-1) ?? null);

  return (
    <div className="grid min-h-[420px] grid-cols-[15rem_1fr]">
      <nav aria-label="Nodes and instances" className="max-h-[640px] overflow-y-auto border-r border-slate-200 bg-slate-50/60 p-2">
        <ul className="space-y-0.5">
          {graph.nodes.map((node) => (
            <li key={node.id}>
              <button
                type="button"
                onClick={() => onSelect({ nodeId: node.id, key: null })}
                aria-current={node.id === nodeId ? "true" : undefined}
                className={cx(
                  "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm",
                  node.id === nodeId ? "bg-white font-semibold text-slate-900 shadow-xs ring-1 ring-slate-200" : "text-slate-700 hover:bg-white",
                )}
              >
                <RoleIcon role={node.role} className={cx("size-3.5 shrink-0", ROLE_STYLE[node.role].text)} />
                <span className="truncate">{node.label}</span>
                <NodeCount nodeId={node.id} />
              </button>
              {node.id === nodeId && keys.length > 1 && (
                <ul aria-label={`Instances of ${node.label}`} className="mt-0.5 mb-1 ml-4 space-y-px border-l border-slate-200 pl-2">
                  {keys.map((k) => (
                    <InstanceItem key={k} instanceKey={k} selected={k === key} onSelect={() => onSelect({ nodeId: node.id, key: k })} />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <div className="max-h-[640px] min-w-0 overflow-y-auto p-4">
        {key ? <InstanceDetail instanceKey={key} role={graph.nodes.find((n) => n.id === nodeId)?.role ?? "executor"} promptsHidden={promptsHidden} /> : <NotStarted nodeId={nodeId} />}
      </div>
    </div>
  );
}

function NodeCount({ nodeId }: { nodeId: string }) {
  const count = useRunStore((s) => s.summary.nodes[nodeId]?.instances ?? 0);
  const status = useRunStore((s) => s.summary.nodes[nodeId]?.status ?? "waiting");
  return (
    <span className="ml-auto flex shrink-0 items-center gap-1">
      {count > 1 && (
        <span className="text-xs font-normal text-slate-500" title={`${count} instances`}>
          <span aria-hidden>×{count}</span>
          <span className="sr-only">, {count} instances</span>
        </span>
      )}
      <NodeStatusBadge status={status} />
    </span>
  );
}

function InstanceItem({ instanceKey, selected, onSelect }: { instanceKey: InstanceKey; selected: boolean; onSelect: () => void }) {
  const view = useRunStore(useShallow((s) => ({ title: s.instances[instanceKey].title, instance: s.instances[instanceKey].instance, iteration: s.instances[instanceKey].iteration, status: s.instances[instanceKey].status })));
  return (
    <li>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? "true" : undefined}
        className={cx("flex w-full items-center gap-1.5 rounded px-2 py-1 text-left text-xs", selected ? "bg-sky-100 text-sky-900" : "text-slate-600 hover:bg-white")}
      >
        <span
          aria-hidden
          className={cx(
            "size-1.5 shrink-0 rounded-full",
            view.status === "running" ? "animate-pulse bg-sky-500" : view.status === "succeeded" ? "bg-emerald-500" : view.status === "failed" ? "bg-red-500" : "bg-slate-400",
          )}
        />
        <span className="truncate">
          #{view.instance + 1}
          {view.title ? ` ${view.title}` : ""}
          {view.iteration > 0 ? ` (pass ${view.iteration + 1})` : ""}
        </span>
      </button>
    </li>
  );
}

function NotStarted({ nodeId }: { nodeId: string | null }) {
  const node = useRunStore((s) => (nodeId ? s.summary.nodes[nodeId] : undefined));
  if (!node) return null;
  return (
    <p className="text-sm text-slate-500">
      {node.label} {node.status === "skipped" ? `was skipped${node.error ? `: ${node.error}` : "."}` : "has not started yet."}
    </p>
  );
}

function InstanceDetail({ instanceKey, role, promptsHidden }: { instanceKey: InstanceKey; role: Role; promptsHidden: boolean }) {
  const view = useRunStore((s) => s.instances[instanceKey]);
  const label = useRunStore((s) => s.summary.nodes[view.nodeId]?.label ?? view.nodeId);
  const running = view.status === "running";
  const definition = getRoleDefinition(role);
  const structured = definition.answersStructured;
  return (
    <article aria-label={`Transcript of ${label}${view.title ? `, ${view.title}` : ""}`} className="space-y-4">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="text-base font-semibold text-slate-900">
          {label}
          {view.title && <span className="font-normal text-slate-500"> · #{view.instance + 1} {view.title}</span>}
          {view.iteration > 0 && <span className="font-normal text-amber-700"> · pass {view.iteration + 1}</span>}
        </h3>
        <NodeStatusBadge status={view.status} />
        <span className="ml-auto font-mono text-xs text-slate-500">{view.model}</span>
      </header>
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600">
        <Figure term="Calls" value={String(view.calls)} />
        <Figure term="Input" value={`${formatTokens(view.usage.inputTokens)} tok`} />
        <Figure term="Cached" value={`${formatTokens(view.usage.cachedInputTokens)} tok`} />
        <Figure term="Output" value={`${formatTokens(view.usage.outputTokens)} tok`} />
        <Figure term="Cost" value={formatCost(view.costNanoUsd, view.estimatedCalls)} title={estimatedNote(view.estimatedCalls) || undefined} />
        <Figure term="Wall time" value={view.endedAt === null ? "running" : formatDuration(view.endedAt - view.startedAt)} />
      </dl>
      <FilesReadList entries={view.entries} />
      {!definition.usesModel && <ApprovalDecision nodeId={view.nodeId} />}
      {definition.usesModel && (
        <section aria-label="Prompt">
          <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Prompt</h4>
          {promptsHidden ? <p className="text-sm text-slate-500">Prompts and instructions are hidden on this shared link.</p> : <PromptMessages messages={view.messages} />}
        </section>
      )}
      {definition.usesModel && (
        <section aria-label="Response">
        <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Response</h4>
        {promptsHidden && definition.plans ? (
          <p className="text-sm text-slate-500">The planner&apos;s subtask instructions are hidden on this shared link; only the subtask titles are shown.</p>
        ) : (
          <>
            {view.entries.length === 0 && running && <p className="animate-pulse text-sm text-slate-500">Waiting for the first token…</p>}
            <TranscriptEntries entries={view.entries} structured={structured} streaming={running} />
          </>
        )}
        </section>
      )}
      {view.plan && <PlanList plan={view.plan} />}
      {view.verdict && <VerdictCard verdict={view.verdict} />}
      {view.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {view.error}
        </p>
      )}
      {view.status === "cancelled" && <p className="text-sm text-slate-500">Stopped when the run ended.</p>}
    </article>
  );
}

function Figure({ term, value, title }: { term: string; value: string; title?: string }) {
  return (
    <div className="flex gap-1" title={title}>
      <dt className="text-slate-500">{term}</dt>
      <dd className="font-medium text-slate-800 tabular-nums">{value}</dd>
    </div>
  );
}
