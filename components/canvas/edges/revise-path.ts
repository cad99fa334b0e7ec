import type { XYPosition } from "@xyflow/react";

/** Revise edges are dashed amber on every canvas; their labels sit on a pale amber chip. */
export const REVISE_COLOR = "#d97706";
export const REVISE_LABEL_CHIP = {
  labelBgStyle: { fill: "#fffbeb", stroke: "#fcd34d", strokeWidth: 1 },
  labelBgPadding: [5, 2] as [number, number],
  labelBgBorderRadius: 4,
};

/** How far outside the nodes in its way a revise edge runs, and how far apart the lanes of one reviewer's edges are. */
export const LANE_GAP = 28;
/** Where a reviewer's revise edges leave it, as a fraction of its width: the editor's revise handle sits there. */
export const REVISE_OUT_AT = 0.72;
/** Room kept free around a label on its lane (half its height, plus a little). */
const LABEL_CLEARANCE = 10;

/** A node's rectangle on the canvas, in flow coordinates. */
export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The side of its target a revise edge enters. */
export type ReviseEntry = "top" | "bottom" | "left";

/** Where a revise edge runs: its corner points (first at the reviewer, last at the target), its label's centre, the side it enters. */
export interface ReviseRoute {
  points: XYPosition[];
  label: XYPosition;
  enters: ReviseEntry;
}

interface Candidate {
  enters: ReviseEntry;
  /** The y of the lane the edge runs along, clear of every node between its ends. */
  lane: number;
  clear: boolean;
  length: number;
}

const right = (box: NodeBox) => box.x + box.width;
const bottom = (box: NodeBox) => box.y + box.height;
const spans = (box: NodeBox, x: number) => box.x < x && right(box) > x;

/**
 * Routes every revise edge around the nodes, never behind one and never along a data edge:
 * out of the reviewer's top or bottom, along a lane above or below every node between the
 * two ends, and into the target's top or bottom, whichever way nothing stands in. When both
 * ways are blocked (the target sits right above or below the reviewer) it rounds the reviewer
 * and enters the target from the left. A reviewer's edges that leave on the same side get nested
 * lanes, nearest target innermost, so they never share a lane. The label sits in the middle
 * of the lane: outside every node card, so it can only belong to its edge.
 */
export function routeReviseEdges(boxes: readonly NodeBox[], edges: readonly { id: string; source: string; target: string }[]): Map<string, ReviseRoute> {
  const byId = new Map(boxes.map((box) => [box.id, box]));
  const planned: { id: string; source: NodeBox; target: NodeBox; start: number; end: number; choice: Candidate }[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target || source === target) continue;
    const start = source.x + source.width * REVISE_OUT_AT;
    const end = target.x + target.width / 2;
    planned.push({ id: edge.id, source, target, start, end, choice: chooseSide(boxes, source, target, start, end) });
  }

  // Nest the lanes of one reviewer's edges that leave on the same side: the farther the target, the farther out its lane.
  const groups = new Map<string, typeof planned>();
  for (const plan of planned) {
    const key = `${plan.source.id}\n${plan.choice.enters === "top" ? "above" : "below"}`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => Math.abs(a.end - a.start) - Math.abs(b.end - b.start) || a.id.localeCompare(b.id));
    const above = group[0].choice.enters === "top";
    for (let index = 1; index < group.length; index++) {
      const inner = group[index - 1].choice.lane;
      const own = group[index].choice.lane;
      group[index].choice = { ...group[index].choice, lane: above ? Math.min(own, inner - LANE_GAP) : Math.max(own, inner + LANE_GAP) };
    }
  }

  const routes = new Map<string, ReviseRoute>();
  for (const { id, source, target, start, end, choice } of planned) routes.set(id, toRoute(source, target, start, end, choice));
  return routes;
}

function chooseSide(boxes: readonly NodeBox[], source: NodeBox, target: NodeBox, start: number, end: number): Candidate {
  const left = Math.min(start, end);
  const far = Math.max(start, end);
  const inRange = boxes.filter((box) => box.x < far && right(box) > left);
  const laneBelow = Math.max(...inRange.map(bottom)) + LANE_GAP;
  const laneAbove = Math.min(...inRange.map((box) => box.y)) - LANE_GAP;

  // A vertical run is clear when no other node (the edge's other end included) stands in its column between its end and the lane.
  // Only boxes in range can stand in a column between the two ends: on a large graph that is a few of thousands, every drag frame.
  const clearBelow = (box: NodeBox, x: number) => !inRange.some((other) => other !== box && spans(other, x) && other.y >= box.y && other.y < laneBelow);
  const clearAbove = (box: NodeBox, x: number) =>
    !inRange.some((other) => other !== box && spans(other, x) && bottom(other) <= bottom(box) && bottom(other) > laneAbove);
  const across = Math.abs(end - start);
  const below: Candidate = {
    enters: "bottom",
    lane: laneBelow,
    clear: clearBelow(source, start) && clearBelow(target, end),
    length: laneBelow - bottom(source) + across + laneBelow - bottom(target),
  };
  const above: Candidate = {
    enters: "top",
    lane: laneAbove,
    clear: clearAbove(source, start) && clearAbove(target, end),
    length: source.y - laneAbove + across + target.y - laneAbove,
  };
  if (below.clear && (!above.clear || below.length <= above.length)) return below;
  if (above.clear) return above;
  // Blocked both ways (the target sits right above or below the reviewer): round the reviewer on
  // the side away from the target, then into the target's left side.
  const turn = target.x - LANE_GAP;
  const around = boxes.filter((box) => box.x < Math.max(start, turn) && right(box) > Math.min(start, turn));
  const lane = target.y > source.y ? Math.min(...around.map((box) => box.y), source.y) - LANE_GAP : Math.max(...around.map(bottom), bottom(source)) + LANE_GAP;
  return { enters: "left", lane, clear: false, length: Infinity };
}

function toRoute(source: NodeBox, target: NodeBox, start: number, end: number, { enters, lane }: Candidate): ReviseRoute {
  if (enters === "left") {
    const turn = target.x - LANE_GAP;
    const entry = target.y + target.height * 0.75;
    return {
      points: [
        { x: start, y: lane < source.y ? source.y : bottom(source) },
        { x: start, y: lane },
        { x: turn, y: lane },
        { x: turn, y: entry },
        { x: target.x, y: entry },
      ],
      label: { x: (start + turn) / 2, y: lane },
      enters,
    };
  }
  const from = enters === "top" ? source.y : bottom(source);
  const to = enters === "top" ? target.y : bottom(target);
  // Keep the label clear of the lane's corners when the two ends are close together.
  const label = { x: (start + end) / 2, y: lane };
  if (Math.abs(end - start) < 2 * LABEL_CLEARANCE) label.y += enters === "top" ? -LABEL_CLEARANCE : LABEL_CLEARANCE;
  return {
    points: [
      { x: start, y: from },
      { x: start, y: lane },
      { x: end, y: lane },
      { x: end, y: to },
    ],
    label,
    enters,
  };
}

/** The text on a revise edge: how many times the reviewer may send work back along it. */
export function reviseLabel(maxRevisions: number | undefined): string {
  return maxRevisions === undefined ? "revise" : `revise ×${maxRevisions}`;
}

/** An orthogonal path through `points` with rounded corners. */
export function roundedPath(points: readonly XYPosition[], radius = 10): string {
  const [first, ...rest] = points;
  let path = `M ${first.x},${first.y}`;
  for (let index = 0; index < rest.length - 1; index++) {
    const previous = points[index];
    const corner = rest[index];
    const next = rest[index + 1];
    const r = Math.min(radius, distance(previous, corner) / 2, distance(corner, next) / 2);
    const a = toward(corner, previous, r);
    const b = toward(corner, next, r);
    path += ` L ${a.x},${a.y} Q ${corner.x},${corner.y} ${b.x},${b.y}`;
  }
  const last = rest[rest.length - 1];
  return `${path} L ${last.x},${last.y}`;
}

function distance(a: XYPosition, b: XYPosition): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function toward(from: XYPosition, to: XYPosition, length: number): XYPosition {
  const total = distance(from, to);
  if (total === 0) return from;
  return { x: from.x + ((to.x - from.x) / total) * length, y: from.y + ((to.y - from.y) / total) * length };
}
