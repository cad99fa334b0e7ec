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
