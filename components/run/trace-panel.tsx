"use client";

import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export type TraceTab = "timeline" | "transcript" | "cost";
const TABS: { id: TraceTab; label: string }[] = [
  { id: "timeline", label: "Timeline" },
  { id: "transcript", label: "Transcript" },
  { id: "cost", label: "Cost" },
];

/** The trace's tabs (WAI-ARIA tabs: arrow keys move between them); only the open tab's panel is rendered. */
export function TracePanel({ tab, onTab, children }: { tab: TraceTab; onTab: (tab: TraceTab) => void; children: ReactNode }) {
  const id = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length].id;
    onTab(next);
    refs.current[next]?.focus();
  };
  return (
    <section aria-label="Trace" className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs">
      <div role="tablist" aria-label="Trace views" className="flex gap-1 border-b border-slate-200 bg-slate-50/70 px-2 pt-2" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => onTab(t.id)}
            className={cx(
              "-mb-px rounded-t-md border px-3.5 py-1.5 text-sm font-medium",
              tab === t.id ? "border-slate-200 border-b-white bg-white text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${tab}`}>
        {children}
      </div>
    </section>
  );
}
