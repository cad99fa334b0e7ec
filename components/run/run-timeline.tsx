"use client";

import { useMemo } from "react";
import type { GraphDocument, Role } from "@/lib/graph";
import { buildTopology } from "@/lib/graph/topology";
import { criticalPath, tickStep, useRunStore, type TimelineBar } from "@/lib/stores/run";
import { cx } from "@/components/ui/cx";
import { formatDuration } from "./format";
import { useNow } from "./use-now";

const ROLE_BAR: Record<Role, string> = { planner: "bg-planner", executor: "bg-executor", reviewer: "bg-reviewer" };

function barName(bar: TimelineBar): string {
  const parts = [bar.label];
  if (bar.title !== null) parts.push(`#${bar.instance + 1} ${bar.title}`);
  if (bar.iteration > 0) parts.push(`pass ${bar.iteration + 1}`);
  return parts.join(" · ");
}

/**
 * The waterfall: one bar per node instance and pass, on a shared time axis from the run's
 * start. Bars side by side in time ran in parallel; the critical path (what the run's wall
 * time waited on) is outlined.
 */
export function RunTimeline({ graph }: { graph: GraphDocument }) {
  const bars = useRunStore((s) => s.timeline);
  const startedAt = useRunStore((s) => s.startedAt);
  const endedAt = useRunStore((s) => s.endedAt);
  const live = endedAt === null && startedAt !== null;
  const clock = useNow(live, 200);
  const now = endedAt !== null && startedAt !== null ? endedAt - startedAt : clock !== null && startedAt !== null ? Math.max(0, clock - startedAt) : 0;
  const topology = useMemo(() => buildTopology(graph), [graph]);

  const rows = useMemo(() => {
    const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
    return [...bars].sort((a, b) => (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0) || a.iteration - b.iteration || a.instance - b.instance);
  }, [bars, graph]);
  const span = Math.max(now, ...bars.map((b) => b.end ?? now), 1);
  const critical = useMemo(() => criticalPath(bars, topology, now), [bars, topology, now]);
  const step = tickStep(span);
  const ticks = Array.from({ length: Math.floor(span / step) + 1 }, (_, i) => i * step);
  const pct = (ms: number) => `${(Math.min(ms, span) / span) * 100}%`;

  if (bars.length === 0) return <p className="p-6 text-sm text-slate-500">Bars appear here as nodes start.</p>;

  return (
    <div className="p-4">
      <div className="mb-2 flex flex-wrap items-center gap-4 text-xs text-slate-600">
        {(["planner", "executor", "reviewer"] as const).map((role) => (
          <span key={role} className="inline-flex items-center gap-1.5 capitalize">
            <span aria-hidden className={cx("h-2.5 w-4 rounded-sm", ROLE_BAR[role])} />
            {role}
          </span>
        ))}
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-4 rounded-sm bg-slate-300 ring-2 ring-slate-900" />
          Critical path
        </span>
        <span className="ml-auto tabular-nums">{formatDuration(span)} total</span>
      </div>
      <div className="grid grid-cols-[minmax(9rem,14rem)_1fr] text-xs">
        <div />
        <div aria-hidden className="relative mb-1 h-4 border-b border-slate-200 text-[10px] text-slate-400">
          {ticks.map((t) => (
            // Edge labels stay inside the axis: the first hangs right of its tick, the last left.
            <span key={t} className="absolute tabular-nums" style={{ left: pct(t), transform: `translateX(${t === 0 ? 0 : t / span > 0.94 ? -100 : -50}%)` }}>
              {formatDuration(t)}
            </span>
          ))}
        </div>
        <ol aria-label="Timeline" className="contents">
          {rows.map((bar) => {
            const end = bar.end ?? now;
            const onPath = critical.has(bar.key);
            const name = barName(bar);
            const state = bar.end === null ? "running" : bar.status === "succeeded" ? "done" : bar.status;
            return (
              <li key={bar.key} className="contents">
                <span className="truncate border-t border-slate-100 py-1 pr-2 text-slate-700" title={name}>
                  {name}
                </span>
                <span className="relative border-t border-slate-100">
                  {ticks.map((t) => (
                    <span key={t} aria-hidden className="absolute inset-y-0 w-px bg-slate-100" style={{ left: pct(t) }} />
                  ))}
                  <span
                    className={cx(
                      "absolute top-1 bottom-1 flex min-w-1 items-center overflow-hidden rounded-sm px-1 text-[10px] font-medium whitespace-nowrap text-white",
                      bar.status === "failed" ? "bg-red-500" : bar.status === "cancelled" ? "bg-slate-400" : ROLE_BAR[bar.role],
                      bar.end === null && "animate-pulse",
                      onPath && "ring-2 ring-slate-900 ring-offset-1",
                    )}
                    style={{ left: pct(bar.start), width: `max(4px, ${pct(end - bar.start)})` }}
                    title={`${name}: ${formatDuration(bar.start)} → ${formatDuration(end)} (${formatDuration(end - bar.start)}), ${state}${onPath ? ", on the critical path" : ""}`}
                  >
                    <span className="sr-only">
                      {name}: starts at {formatDuration(bar.start)}, takes {formatDuration(end - bar.start)}, {state}
                      {onPath ? ", on the critical path" : ""}
                    </span>
                    <span aria-hidden>{formatDuration(end - bar.start)}</span>
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
