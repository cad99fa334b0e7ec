"use client";

import { useMemo } from "react";
import { ROLE_DEFINITIONS, type EdgeKind, type Role } from "@/lib/graph";
import { connectableTargets, useEditorStore, useEditorStoreApi, type CanvasEdge } from "@/lib/stores/editor";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import { inputClass } from "./field";

/**
 * The node's edges as lists with remove buttons and an "add" field that finds the nodes it may
 * connect to by label: everything the canvas handles do, without a mouse.
 */
export function ConnectionsField({ id, role }: { id: string; role: Role }) {
  // Node labels change only with the content, never on a drag frame: read them when it changes.
  const store = useEditorStoreApi();
  const contentRevision = useEditorStore((state) => state.contentRevision);
  const edges = useEditorStore((state) => state.edges);
  const labels = useMemo(
    () => new Map(store.getState().nodes.map((node) => [node.id, node.data.label])),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- contentRevision is the signal that nodes or labels changed.
    [store, contentRevision],
  );

  return (
    <div className="space-y-3">
      <EdgeList id={id} kind="data" direction="in" title="Receives output from" edges={edges} labels={labels} />
      <EdgeList id={id} kind="data" direction="out" title="Sends output to" edges={edges} labels={labels} addLabel="Connect output to" />
      {ROLE_DEFINITIONS[role].canStartRevise && (
        <EdgeList id={id} kind="revise" direction="out" title="May send work back to" edges={edges} labels={labels} addLabel="Add revise edge to" />
      )}
    </div>
  );
}

function EdgeList({
  id,
  kind,
  direction,
  title,
  edges,
  labels,
  addLabel,
}: {
  id: string;
  kind: EdgeKind;
  direction: "in" | "out";
  title: string;
  edges: readonly CanvasEdge[];
  labels: ReadonlyMap<string, string>;
  addLabel?: string;
}) {
  const store = useEditorStoreApi();
  const mine = edges.filter((edge) => (edge.type ?? "data") === kind && (direction === "out" ? edge.source === id : edge.target === id));
  // `labels` changes whenever nodes come, go or are renamed, so the candidates follow them.
  const candidates = useMemo(
    () => (addLabel ? connectOptions(connectableTargets(store.getState().nodes, edges, id, kind).map((node) => node.id), labels) : []),
    [addLabel, store, edges, id, kind, labels],
  );

  return (
    <div>
      <h4 className="text-xs font-medium text-slate-700">{title}</h4>
      {mine.length === 0 ? (
        <p className="mt-1 text-[11px] text-slate-500">Nothing yet.</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {mine.map((edge) => {
            const other = labels.get(direction === "out" ? edge.target : edge.source) ?? "?";
            return (
              <li key={edge.id} className="flex items-center justify-between gap-2 rounded-md bg-slate-50 px-2 py-1 text-sm">
                <span className="truncate">
                  {kind === "revise" && <span className="mr-1 text-amber-600" aria-hidden>↺</span>}
                  {other}
                </span>
                <button
                  type="button"
                  onClick={() => store.getState().removeEdge(edge.id)}
                  className="shrink-0 text-xs text-slate-500 hover:text-red-700"
                  aria-label={direction === "out" ? `Remove ${kind} edge to ${other}` : `Remove edge from ${other}`}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {addLabel && candidates.length > 0 && (
        <div className="mt-1.5">
          <Combobox label={addLabel} options={candidates} onPick={(target) => store.getState().connect(id, target, kind)} inputClassName={inputClass} />
        </div>
      )}
    </div>
  );
}

/** Nodes as options by label; nodes sharing a label are told apart by their ids. */
function connectOptions(ids: readonly string[], labels: ReadonlyMap<string, string>): ComboboxOption[] {
  const labelOf = (id: string) => labels.get(id) ?? id;
  const uses = new Map<string, number>();
  for (const id of ids) uses.set(labelOf(id), (uses.get(labelOf(id)) ?? 0) + 1);
  return ids.map((id) => ((uses.get(labelOf(id)) ?? 0) > 1 ? { id, label: labelOf(id), hint: id } : { id, label: labelOf(id) }));
}
