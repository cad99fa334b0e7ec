import type { Topology } from "@/lib/graph/topology";
import type { InstanceKey, TimelineBar } from "./types";

// Event timestamps are milliseconds; a successor may be stamped a hair before its trigger's end.
const SLACK_MS = 2;

/**
 * The bars on the run's critical path: starting from the bar that ends last, each step goes
 * back to what it waited for — the latest-ending bar of a data predecessor, of the reviewer
 * that sent it back (a later pass), or of a sibling instance whose pool slot it took.
 * Running bars count as ending at `now`.
 */
export function criticalPath(bars: readonly TimelineBar[], topology: Topology, now: number): Set<InstanceKey> {
  const path = new Set<InstanceKey>();
  if (bars.length === 0) return path;
  const endOf = (bar: TimelineBar) => bar.end ?? now;
  let current: TimelineBar | undefined = bars.reduce((last, bar) => (endOf(bar) > endOf(last) ? bar : last));
  while (current && !path.has(current.key)) {
    path.add(current.key);
    const from = current;
    const waitedOn = new Set([...(topology.dataPredecessors.get(from.nodeId) ?? []), ...(from.iteration > 0 ? (topology.reviseSources.get(from.nodeId) ?? []) : [])]);
    let best: TimelineBar | undefined;
    for (const bar of bars) {
      if (bar.key === from.key || bar.end === null || bar.end > from.start + SLACK_MS) continue;
      const sibling = bar.nodeId === from.nodeId && bar.iteration === from.iteration;
      if (!sibling && !waitedOn.has(bar.nodeId)) continue;
      // A sibling only explains a late start: one that ended well before this bar began freed no slot for it.
      if (sibling && from.start - bar.end > SLACK_MS * 5) continue;
      if (!best || bar.end > best.end!) best = bar;
    }
    current = best;
  }
  return path;
}

/** A tidy axis step (1, 2 or 5 × 10ⁿ ms) giving about `ticks` ticks across `span`. */
export function tickStep(span: number, ticks = 6): number {
  const raw = Math.max(span, 1) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** One row of an expanded pool: one instance (subtask index), its passes side by side. */
export interface TimelineRow {
  instance: number;
  /** The subtask title of its latest pass. */
  title: string | null;
  bars: TimelineBar[];
}

/**
 * One lane per node. A single node's passes sit side by side on its lane; an executor pool's
 * instances fold into one lane (drawn as how many run at once) that expands into `rows`.
 */
export interface TimelineLane {
  nodeId: string;
  label: string;
  role: TimelineBar["role"];
  pool: boolean;
  /** Every bar of the node, in start order. */
  bars: TimelineBar[];
  /** Pools only: one row per instance, by subtask index. */
  rows: TimelineRow[];
  /** Instances over every pass (one bar each), and passes. */
  instances: number;
  passes: number;
}

/** Groups bars (in start order) into lanes, in `nodeOrder` (the graph's node order); nodes without bars get none. */
export function timelineLanes(bars: readonly TimelineBar[], nodeOrder: readonly string[]): TimelineLane[] {
  const byNode = new Map<string, TimelineBar[]>();
  for (const bar of bars) {
    const list = byNode.get(bar.nodeId);
    if (list) list.push(bar);
    else byNode.set(bar.nodeId, [bar]);
  }
  const order = [...nodeOrder, ...[...byNode.keys()].filter((id) => !nodeOrder.includes(id))];
  const lanes: TimelineLane[] = [];
  for (const nodeId of order) {
    const list = byNode.get(nodeId);
    if (!list) continue;
    // Pool instances carry their subtask's title; a single node's never do.
    const pool = list.some((bar) => bar.title !== null);
    const rows = new Map<number, TimelineRow>();
    if (pool) {
      for (const bar of list) {
        const row = rows.get(bar.instance);
        if (row) {
          row.bars.push(bar);
          row.title = bar.title ?? row.title;
        } else rows.set(bar.instance, { instance: bar.instance, title: bar.title, bars: [bar] });
      }
    }
    const first = list[0];
    lanes.push({
      nodeId,
      label: first.label,
      role: first.role,
      pool,
      bars: list,
      rows: [...rows.values()].sort((a, b) => a.instance - b.instance),
      instances: list.length,
      passes: Math.max(...list.map((bar) => bar.iteration)) + 1,
    });
  }
  return lanes;
}

/** How many of a lane's instances run at each moment. */
export interface ConcurrencyProfile {
  /** `[time, count]`: from `time` on, `count` run; times ascending, the last step's count is 0. */
  steps: [number, number][];
  peak: number;
  start: number;
  end: number;
}

/** The concurrency of `bars` over time (running bars end at `now`); an instance ending as another starts is a hand-over, not overlap. */
export function concurrencyProfile(bars: readonly TimelineBar[], now: number): ConcurrencyProfile {
  const changes: [number, number][] = [];
  for (const bar of bars) changes.push([bar.start, 1], [Math.max(bar.start, bar.end ?? now), -1]);
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const steps: [number, number][] = [];
  let count = 0;
  let peak = 0;
  for (const [time, delta] of changes) {
    count += delta;
    peak = Math.max(peak, count);
    if (steps.length > 0 && steps[steps.length - 1][0] === time) steps[steps.length - 1][1] = count;
    else steps.push([time, count]);
  }
  return { steps, peak, start: changes[0]?.[0] ?? 0, end: changes.at(-1)?.[0] ?? 0 };
}
