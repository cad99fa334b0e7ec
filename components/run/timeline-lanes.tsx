"use client";

import { memo, useId, type CSSProperties, type ReactNode } from "react";
import type { Role } from "@/lib/graph";
import { concurrencyProfile, type TimelineBar, type TimelineLane, type TimelineRow } from "@/lib/stores/run";
import { cx } from "@/components/ui/cx";
import { formatDuration } from "./format";

/*
 * The timeline's rows. Positions are CSS calculations on two custom properties of the chart,
 * `--k` (pixels per millisecond) and `--now` (ms since the run started), so zooming, panning
 * and the live clock restyle the chart without re-rendering its bars; a bar re-renders only
 * when it starts, ends or changes state.
 */

/** Width of the sticky label column, in px. */
export const LABEL_WIDTH = 208;

export const ROLE_BAR: Record<Role, string> = { planner: "bg-planner", executor: "bg-executor", reviewer: "bg-reviewer", approval: "bg-approval" };
const ROLE_FILL: Record<Role, string> = { planner: "fill-planner/70", executor: "fill-executor/70", reviewer: "fill-reviewer/70", approval: "fill-approval/70" };

const at = (ms: number) => `calc(var(--k) * ${ms}px)`;

function barName(bar: TimelineBar): string {
  const parts = [bar.label];
  if (bar.title !== null) parts.push(`#${bar.instance + 1} ${bar.title}`);
  if (bar.iteration > 0) parts.push(`pass ${bar.iteration + 1}`);
  return parts.join(" · ");
}

/** The keys of the critical path's bars within a lane, joined by newlines: a string, so memoised rows compare it cheaply. */
export const criticalKeys = (bars: readonly TimelineBar[], path: ReadonlySet<string>) => bars.filter((bar) => path.has(bar.key)).map((bar) => bar.key).join("\n");
const isOnPath = (critical: string, key: string) => `\n${critical}\n`.includes(`\n${key}\n`);

const sameBars = (a: readonly TimelineBar[], b: readonly TimelineBar[]) => a.length === b.length && a.every((bar, i) => bar === b[i]);

/** One instance's bar: its start, its duration (written inside when it fits), its state. */
const Bar = memo(function Bar({ bar, onPath, marker = false }: { bar: TimelineBar; onPath: boolean; marker?: boolean }) {
  const duration = bar.end === null ? null : bar.end - bar.start;
  const state = bar.end === null ? "running" : bar.status === "succeeded" ? "done" : bar.status;
  const description = `${barName(bar)}: starts at ${formatDuration(bar.start)}, ${duration === null ? "running" : `takes ${formatDuration(duration)}, ${state}`}${onPath ? ", on the critical path" : ""}`;
  const style: CSSProperties = {
    left: at(bar.start),
    width: duration === null ? `max(3px, calc((var(--now) - ${bar.start}) * var(--k) * 1px))` : `max(3px, ${at(duration)})`,
  };
  if (marker) {
    // Along a pool's band, only what needs pointing out: the critical path beneath it, failures above.
    return <span aria-hidden title={description} className={cx("absolute h-[3px] rounded-full", onPath ? "bottom-0 bg-slate-900" : "top-0 bg-red-500")} style={style} />;
  }
  return (
    <span
      role="img"
      aria-label={description}
      title={description}
      className={cx(
        "@container absolute top-1 bottom-1 flex items-center overflow-hidden rounded-sm px-1 text-[10px] font-medium whitespace-nowrap text-white",
        bar.status === "failed" ? "bg-red-500" : bar.status === "cancelled" ? "bg-slate-400" : ROLE_BAR[bar.role],
        bar.end === null && "animate-pulse",
        onPath && "ring-2 ring-slate-900 ring-offset-1",
      )}
      style={style}
    >
      {duration !== null && (
        <span aria-hidden className="hidden @min-[3.25rem]:inline">
          {formatDuration(duration)}
        </span>
      )}
    </span>
  );
});

function Row({ label, title, children, indent = false }: { label: ReactNode; title?: string; children: ReactNode; indent?: boolean }) {
  return (
    <div className={cx("flex border-t border-slate-100", indent ? "h-6" : "h-7")}>
      <div className={cx("sticky left-0 z-10 flex shrink-0 items-center bg-white pr-2", indent && "pl-5")} style={{ width: LABEL_WIDTH }} title={title}>
        {label}
      </div>
      <div className="relative min-w-0 flex-1">{children}</div>
    </div>
  );
}

/** A single node's lane: its passes side by side. */
export const NodeLane = memo(
  function NodeLane({ lane, critical }: { lane: TimelineLane; critical: string }) {
    const name = lane.passes > 1 ? `${lane.label}, ${lane.passes} passes` : lane.label;
    return (
      <li>
        <Row
          title={name}
          label={
            <>
              <span className="truncate text-slate-700">{lane.label}</span>
              {lane.passes > 1 && <span className="ml-auto shrink-0 pl-1 text-[11px] text-slate-500">{lane.passes} passes</span>}
            </>
          }
        >
          {lane.bars.map((bar) => (
            <Bar key={bar.key} bar={bar} onPath={isOnPath(critical, bar.key)} />
          ))}
        </Row>
      </li>
    );
  },
  (a, b) => sameBars(a.lane.bars, b.lane.bars) && a.critical === b.critical,
);

/**
 * An executor pool's lane: how many of its instances run at each moment, drawn as one band,
 * with a button that expands it into one row per instance.
 */
export const PoolLane = memo(
  function PoolLane({ lane, critical, expanded, onToggle, now }: { lane: TimelineLane; critical: string; expanded: boolean; onToggle: (nodeId: string) => void; now: number }) {
    const listId = useId();
    const profile = concurrencyProfile(lane.bars, now);
    const span = Math.max(profile.end - profile.start, 1);
    let path = `M${profile.start} ${profile.peak}`;
    for (const [time, count] of profile.steps) path += `H${time}V${profile.peak - count}`;
    path += `H${profile.end}V${profile.peak}Z`;
    const passes = lane.passes > 1 ? ` over ${lane.passes} passes` : "";
    const summary = `${lane.label}: ${lane.instances} instances${passes}, up to ${profile.peak} at once, ${formatDuration(profile.start)} to ${formatDuration(profile.end)}`;
    const marked = lane.bars.filter((bar) => isOnPath(critical, bar.key) || bar.status === "failed");
    return (
      <li>
        <Row
          title={summary}
          label={
            <button
              type="button"
              aria-label={`${lane.label}, ${lane.instances} instances`}
              aria-expanded={expanded}
              aria-controls={listId}
              onClick={() => onToggle(lane.nodeId)}
              className="flex h-6 w-full min-w-0 items-center gap-1 rounded px-1 text-left font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600"
            >
              <svg aria-hidden viewBox="0 0 10 10" className={cx("size-2.5 shrink-0 text-slate-500 transition-transform", expanded && "rotate-90")}>
                <path d="M3 1.5 7 5 3 8.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
              </svg>
              <span className="truncate">{lane.label}</span>
              <span className="ml-auto shrink-0 rounded bg-slate-100 px-1 text-[11px] font-normal text-slate-600 tabular-nums">
                ×{lane.instances}
              </span>
            </button>
          }
        >
          <svg
            role="img"
            aria-label={summary}
            viewBox={`${profile.start} 0 ${span} ${Math.max(profile.peak, 1)}`}
            preserveAspectRatio="none"
            className="absolute top-1 h-[calc(100%-0.625rem)] rounded-sm bg-slate-100"
            style={{ left: at(profile.start), width: `max(3px, ${at(span)})` }}
          >
            <title>{summary}</title>
            <path d={path} className={ROLE_FILL[lane.role]} />
          </svg>
          {marked.map((bar) => (
            <Bar key={bar.key} bar={bar} onPath={isOnPath(critical, bar.key)} marker />
          ))}
        </Row>
        <ol id={listId} aria-label={`Instances of ${lane.label}`} hidden={!expanded}>
          {expanded && lane.rows.map((row) => <InstanceRow key={row.instance} row={row} label={lane.label} critical={critical} />)}
        </ol>
      </li>
    );
  },
  (a, b) => sameBars(a.lane.bars, b.lane.bars) && a.critical === b.critical && a.expanded === b.expanded && a.now === b.now && a.onToggle === b.onToggle,
);

const InstanceRow = memo(
  function InstanceRow({ row, label, critical }: { row: TimelineRow; label: string; critical: string }) {
    const name = `#${row.instance + 1}${row.title ? ` ${row.title}` : ""}`;
    return (
      <li>
        <Row indent title={`${label} ${name}`} label={<span className="truncate text-[11px] text-slate-600">{name}</span>}>
          {row.bars.map((bar) => (
            <Bar key={bar.key} bar={bar} onPath={isOnPath(critical, bar.key)} />
          ))}
        </Row>
      </li>
    );
  },
  (a, b) => sameBars(a.row.bars, b.row.bars) && a.critical === b.critical && a.label === b.label,
);
