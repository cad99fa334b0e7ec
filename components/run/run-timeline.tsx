"use client";

import { useCallback, useId, useMemo, useState, type CSSProperties } from "react";
import { useShallow } from "zustand/react/shallow";
import type { GraphDocument } from "@/lib/graph";
import { buildTopology } from "@/lib/graph/topology";
import { criticalPath, runFigures, runWallMs, tickStep, timelineLanes, useRunStore } from "@/lib/stores/run";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { formatDuration } from "./format";
import { criticalKeys, LABEL_WIDTH, NodeLane, PoolLane, ROLE_BAR } from "./timeline-lanes";
import { MAX_ZOOM, useTimelineZoom } from "./use-timeline-zoom";
import { useNow } from "./use-now";

/**
 * The waterfall: one lane per node on a shared time axis from the run's start, bars side by
 * side in time ran in parallel, and the critical path (what the run's wall time waited on) is
 * outlined. An executor pool is one lane showing how many of its instances ran at once; it
 * expands into one row per instance. The chart zooms and pans; labels keep a fixed column.
 */
export function RunTimeline({ graph }: { graph: GraphDocument }) {
  const empty = useRunStore((s) => s.timeline.length === 0);
  if (empty) return <p className="p-6 text-sm text-slate-500">Bars appear here as nodes start.</p>;
  return <TimelineChart graph={graph} />;
}

function TimelineChart({ graph }: { graph: GraphDocument }) {
  const bars = useRunStore((s) => s.timeline);
  const startedAt = useRunStore((s) => s.startedAt);
  const endedAt = useRunStore((s) => s.endedAt);
  const live = endedAt === null && startedAt !== null;
  const clock = useNow(live, 200);
  const figures = useRunStore(useShallow((s) => runFigures(s, clock)));
  // Milliseconds since the run started: where running bars end.
  const now = runWallMs(startedAt, endedAt, clock) ?? 0;
  const topology = useMemo(() => buildTopology(graph), [graph]);
  const order = useMemo(() => graph.nodes.map((n) => n.id), [graph]);
  const lanes = useMemo(() => timelineLanes(bars, order), [bars, order]);
  const critical = useMemo(() => criticalPath(bars, topology, now), [bars, topology, now]);
  const span = Math.max(now, ...bars.map((b) => b.end ?? now), 1);

  const id = useId();
  const { viewport, zoom, trackWidth, zoomIn, zoomOut, fit, viewportProps } = useTimelineZoom(LABEL_WIDTH);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (nodeId: string) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(nodeId)) next.add(nodeId);
        return next;
      }),
    [],
  );

  // About six ticks across the visible part of the track, at any zoom.
  const step = tickStep(span / zoom);
  const ticks = Array.from({ length: Math.floor(span / step) + 1 }, (_, i) => i * step);
  const chart = { width: LABEL_WIDTH + trackWidth, "--k": trackWidth > 0 ? trackWidth / span : 0, "--now": now } as CSSProperties;

  return (
    <div className="p-4">
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-600">
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
        <span className="inline-flex items-center gap-1.5" title="How many of a pool's instances ran at once; a dark line beneath marks those on the critical path">
          <svg aria-hidden viewBox="0 0 16 10" className="h-2.5 w-4 fill-executor/70">
            <path d="M0 10V6H4V1H10V4H16V10Z" />
          </svg>
          Pool: instances at once
        </span>
        <dl className="ml-auto flex gap-4 tabular-nums">
          <div className="flex gap-1" title="From the run's start to its end">
            <dt>Wall time</dt>
            <dd className="font-semibold text-slate-800" aria-label="Wall time">
              {formatDuration(figures.wallMs)}
            </dd>
          </div>
          <div className="flex gap-1" title="Every instance's time added up: above the wall time when instances run in parallel">
            <dt>Summed time</dt>
            <dd className="font-semibold text-slate-800" aria-label="Summed time">
              {formatDuration(figures.summedMs)}
            </dd>
          </div>
        </dl>
        <div role="group" aria-label="Zoom" className="flex items-center gap-1">
          <Button size="sm" onClick={zoomOut} disabled={zoom <= 1} aria-label="Zoom out" title="Zoom out (−)">
            −
          </Button>
          <output aria-label="Zoom level" className="w-11 text-center tabular-nums">
            {Math.round(zoom * 100)}%
          </output>
          <Button size="sm" onClick={zoomIn} disabled={zoom >= MAX_ZOOM} aria-label="Zoom in" title="Zoom in (+)">
            +
          </Button>
          <Button size="sm" onClick={fit} disabled={zoom === 1} title="Fit the whole run (0)">
            Fit
          </Button>
        </div>
      </div>
      <p id={`${id}-help`} className="sr-only">
        Scroll or drag to pan; ctrl or ⌘ with the wheel zooms. When the chart has focus, the arrow keys pan, plus and minus zoom, and 0 fits the whole run.
      </p>
      <div
        ref={viewport}
        role="region"
        aria-label="Timeline chart"
        aria-describedby={`${id}-help`}
        tabIndex={0}
        className="relative max-h-[32rem] cursor-grab overflow-auto overscroll-x-contain rounded-md text-xs focus-visible:outline-2 focus-visible:outline-sky-600 active:cursor-grabbing"
        {...viewportProps}
      >
        <div className="relative select-none" style={chart}>
          <div aria-hidden className="sticky top-0 z-20 flex h-5 border-b border-slate-200 bg-white text-[10px] text-slate-400">
            <div className="sticky left-0 z-30 shrink-0 bg-white" style={{ width: LABEL_WIDTH }} />
            <div className="relative flex-1">
              {ticks.map((t) => (
                // Edge labels stay inside the axis: the first hangs right of its tick, the last left.
                <span key={t} className="absolute top-0.5 tabular-nums" style={{ left: `calc(var(--k) * ${t}px)`, transform: `translateX(${t === 0 ? 0 : t / span > 0.97 ? -100 : -50}%)` }}>
                  {formatDuration(t)}
                </span>
              ))}
            </div>
          </div>
          <div aria-hidden className="pointer-events-none absolute top-5 bottom-0" style={{ left: LABEL_WIDTH, width: trackWidth }}>
            {ticks.map((t) => (
              <span key={t} className="absolute inset-y-0 w-px bg-slate-100" style={{ left: `calc(var(--k) * ${t}px)` }} />
            ))}
          </div>
          <ol aria-label="Timeline" className="relative">
            {lanes.map((lane) =>
              lane.pool ? (
                <PoolLane
                  key={lane.nodeId}
                  lane={lane}
                  critical={criticalKeys(lane.bars, critical)}
                  expanded={expanded.has(lane.nodeId)}
                  onToggle={toggle}
                  now={lane.bars.some((b) => b.end === null) ? now : 0}
                />
              ) : (
                <NodeLane key={lane.nodeId} lane={lane} critical={criticalKeys(lane.bars, critical)} />
              ),
            )}
          </ol>
        </div>
      </div>
    </div>
  );
}
