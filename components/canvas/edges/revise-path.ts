import type { XYPosition } from "@xyflow/react";
import { DEFAULT_NODE_SIZE, type CanvasNode } from "@/lib/stores/editor";

/** How far below the lowest node in its way a revise edge runs, and how far left of its target it turns up. */
export const LANE_GAP = 28;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const boxCache = new WeakMap<readonly CanvasNode[], Box[]>();

/** Node rectangles, computed once per nodes array however many revise edges ask. */
export function nodeBoxes(nodes: readonly CanvasNode[]): Box[] {
  let boxes = boxCache.get(nodes);
  if (!boxes) {
    boxes = nodes.map((node) => ({
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? DEFAULT_NODE_SIZE.width,
      height: node.measured?.height ?? DEFAULT_NODE_SIZE.height,
    }));
    boxCache.set(nodes, boxes);
  }
  return boxes;
}

/**
 * The y of a horizontal lane from `fromX` to `toX` that starts at or below `floor` and clears
 * every box in the way, so a revise edge never runs behind a node.
 */
export function laneBelow(boxes: readonly Box[], fromX: number, toX: number, floor: number): number {
  const left = Math.min(fromX, toX);
  const right = Math.max(fromX, toX);
  const inWay = boxes.filter((box) => box.x < right && box.x + box.width > left);
  let lane = floor + LANE_GAP;
  for (let pass = 0; pass < 20; pass++) {
    const hit = inWay.find((box) => box.y < lane + 8 && box.y + box.height > lane - 8);
    if (!hit) break;
    lane = hit.y + hit.height + LANE_GAP;
  }
  return lane;
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
