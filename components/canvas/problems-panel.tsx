"use client";

import { useReactFlow } from "@xyflow/react";
import { useShallow } from "zustand/react/shallow";
import type { GraphIssue } from "@/lib/graph";
import { useEditorStore, type EditorStore } from "@/lib/stores/editor";
import { cx } from "@/components/ui/cx";

const selector = (state: EditorStore) => ({ errors: state.errors, warnings: state.warnings, selectNodes: state.selectNodes });

/** Every validation issue of the graph; pressing one selects its node and brings it into view. */
export function ProblemsPanel() {
  const { errors, warnings, selectNodes } = useEditorStore(useShallow(selector));
  const { fitView } = useReactFlow();
  const count = errors.length + warnings.length;

  const show = (issue: GraphIssue) => {
    if (!issue.nodeId) return;
    selectNodes([issue.nodeId]);
    void fitView({ nodes: [{ id: issue.nodeId }], duration: 300, maxZoom: 1.2, padding: 0.6 });
  };

  return (
    <section aria-labelledby="problems-heading" className="border-t border-slate-200 p-3">
      <h2 id="problems-heading" className="flex items-center gap-2 px-1 text-xs font-semibold tracking-wider text-slate-500 uppercase">
        Problems
        <span
          className={cx(
            "rounded-full px-1.5 text-[10px] leading-4",
            errors.length > 0 ? "bg-red-100 text-red-700" : count > 0 ? "bg-amber-100 text-amber-800" : "bg-emerald-100 text-emerald-700",
          )}
        >
          {count}
        </span>
      </h2>
      {count === 0 ? (
        <p className="mt-2 px-1 text-xs text-slate-500">No problems: this graph can run.</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {[...errors.map((issue) => ({ issue, error: true })), ...warnings.map((issue) => ({ issue, error: false }))].map(({ issue, error }, index) => (
            <li key={index}>
              <button
                type="button"
                onClick={() => show(issue)}
                disabled={!issue.nodeId}
                className={cx(
                  "w-full rounded-md px-2 py-1.5 text-left text-xs leading-4 enabled:hover:bg-slate-100",
                  error ? "text-red-700" : "text-amber-800",
                )}
              >
                {error ? "✕ " : "⚠ "}
                {issue.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
