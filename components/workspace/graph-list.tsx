"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/date-format";
import { graphApi, type GraphListItem } from "./graph-api";
import { GraphDeleteDialog, GraphRenameDialog } from "./graph-dialogs";
import { NewGraphDialog } from "./new-graph-button";
import { STARTERS } from "./starter-graphs";

type Pending = { kind: "rename" | "delete"; graph: GraphListItem } | null;

/**
 * The workspace's graphs, newest first, with rename, duplicate and delete (for editors:
 * `canEdit`); or an empty state offering the templates to start from.
 */
export function GraphList({ graphs, canEdit = true }: { graphs: GraphListItem[]; canEdit?: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const duplicate = async (graph: GraphListItem) => {
    setBusyId(graph.id);
    setError(null);
    const original = await graphApi.get(graph.id);
    const copy = original.ok ? await graphApi.create(`${graph.name} (copy)`.slice(0, 120), original.value.graph) : original;
    setBusyId(null);
    if (!copy.ok) return setError(`Could not duplicate “${graph.name}”: ${copy.error.message}`);
    router.refresh();
  };

  if (graphs.length === 0) return <EmptyGraphList canEdit={canEdit} />;

  return (
    <section aria-label="Graphs">
      {error && (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
        {graphs.map((graph) => (
          <li key={graph.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-4">
            <div className="min-w-0 flex-1">
              <Link href={`/graphs/${graph.id}`} className="font-medium text-slate-900 hover:underline">
                {graph.name}
              </Link>
              <p className="text-sm text-slate-500">
                {graph.nodeCount === null ? (
                  <span className="text-red-700">Can’t be read by this version</span>
                ) : (
                  `${graph.nodeCount} ${graph.nodeCount === 1 ? "node" : "nodes"}`
                )}
                {!!graph.problemCount && (
                  <span className="text-amber-800"> · {graph.problemCount} {graph.problemCount === 1 ? "problem" : "problems"}</span>
                )}
                {graph.waitingRuns > 0 && (
                  <>
                    {" · "}
                    <Link href={`/runs?status=waiting&graphId=${encodeURIComponent(graph.id)}`} className="font-medium text-pink-800 hover:underline">
                      {graph.waitingRuns} {graph.waitingRuns === 1 ? "run" : "runs"} waiting for approval
                    </Link>
                  </>
                )}{" "}
                · updated{" "}
                <time dateTime={graph.updatedAt}>{formatDateTime(graph.updatedAt)}</time>
              </p>
            </div>
            {canEdit && (
              <div className="flex gap-1">
                <Button size="sm" variant="ghost" aria-label={`Rename ${graph.name}`} onClick={() => setPending({ kind: "rename", graph })}>
                  Rename
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Duplicate ${graph.name}`} disabled={busyId === graph.id} onClick={() => duplicate(graph)}>
                  {busyId === graph.id ? "Duplicating…" : "Duplicate"}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-red-700 hover:bg-red-50"
                  aria-label={`Delete ${graph.name}`}
                  onClick={() => setPending({ kind: "delete", graph })}
                >
                  Delete
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <GraphRenameDialog graph={pending?.kind === "rename" ? pending.graph : null} onClose={() => setPending(null)} />
      <GraphDeleteDialog graph={pending?.kind === "delete" ? pending.graph : null} onClose={() => setPending(null)} />
    </section>
  );
}

/**
 * No graphs yet: what a graph is, and (for editors) the starting points to pick from, each
 * opening "New graph" on it with its name filled in.
 */
function EmptyGraphList({ canEdit }: { canEdit: boolean }) {
  const [starterId, setStarterId] = useState<string | null>(null);
  return (
    <section aria-label="Graphs" className="rounded-xl border border-dashed border-slate-300 bg-white p-8">
      <div className="text-center">
        <h2 className="text-lg font-semibold">No graphs yet</h2>
        <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
          A graph is a team of agents: a planner that splits the work, executors that do it in parallel on cheaper tiers,
          and a reviewer that checks the result. {canEdit ? "Start from a template, or from a blank canvas." : "Editors and owners of this workspace create them."}
        </p>
      </div>
      {canEdit && (
        <>
          <ul aria-label="Templates" className="mt-6 grid gap-3 sm:grid-cols-2">
            {STARTERS.map((starter) => (
              <li key={starter.id} className="flex flex-col rounded-lg border border-slate-200 p-4">
                <h3 className="text-sm font-semibold text-slate-900">
                  {starter.name}{" "}
                  <span className="font-normal text-slate-500">
                    · {starter.nodeCount} {starter.nodeCount === 1 ? "node" : "nodes"}
                  </span>
                </h3>
                <p className="mt-1 flex-1 text-xs leading-4 text-slate-600">{starter.description}</p>
                <div className="mt-3">
                  <Button size="sm" aria-label={`Start from ${starter.name}`} onClick={() => setStarterId(starter.id)}>
                    {starter.id === STARTERS[0].id ? "Start blank" : "Use template"}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
          <NewGraphDialog open={starterId !== null} onClose={() => setStarterId(null)} starterId={starterId ?? undefined} />
        </>
      )}
    </section>
  );
}
