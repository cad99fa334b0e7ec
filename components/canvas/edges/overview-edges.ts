import type { XYPosition } from "@xyflow/react";
import type { CanvasEdge, CanvasNode } from "@/lib/stores/editor";
import type { NodeBox } from "./revise-path";
import { nodeBoxes } from "../node-boxes";

const byId = new WeakMap<readonly CanvasNode[], Map<string, NodeBox>>();

/** The boxes by node id, once per nodes array however many groups ask. */
function boxesById(nodes: readonly CanvasNode[]): Map<string, NodeBox> {
  let map = byId.get(nodes);
  if (!map) byId.set(nodes, (map = new Map(nodeBoxes(nodes).map((box) => [box.id, box]))));
  return map;
}

/** Where on its card a revise edge leaves a reviewer (its handle, see canvas.css `.tf-handle-revise`). */
const REVISE_OUT_AT = 0.72;

/** A node's box by id, or undefined to leave its edges out. */
type BoxOf = (id: string) => NodeBox | undefined;

/** Every edge of the overview as straight segments, one SVG path per look. */
export interface OverviewPaths {
  data: string;
  revise: string;
  /** Edges validation flags, drawn red on top. */
  flagged: string;
}

/** Edges per group of paths: a moved node repaints only the groups holding its edges, not the whole picture. */
export const OVERVIEW_GROUP = 64;

/** What one group was last drawn from: its edges' end boxes and flags, and the paths they gave. */
interface DrawnGroup {
  inputs: (NodeBox | boolean | undefined)[];
  paths: OverviewPaths;
}

const drawn = new WeakMap<readonly CanvasEdge[], DrawnGroup[]>();

/**
 * `overviewPaths` for consecutive groups of `OVERVIEW_GROUP` edges (edges of one part of a graph
 * tend to sit together). A group whose end boxes (the same objects while their nodes are
 * unchanged, see `nodeBox`) and flags are as last time keeps its paths: a drag frame rebuilds
 * the strings of the groups holding the dragged node's edges, not of every edge. The edges of
 * the nodes in `moving` are left out: a drag draws those itself (`movingPaths`).
 */
export function overviewGroups(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  isFlagged: (edgeId: string) => boolean,
  moving?: ReadonlySet<string>,
): OverviewPaths[] {
  const boxes = boxesById(nodes);
  const boxOf: BoxOf = moving?.size ? (id) => (moving.has(id) ? undefined : boxes.get(id)) : (id) => boxes.get(id);
  let previous = drawn.get(edges);
  if (!previous) drawn.set(edges, (previous = []));
  const groups: OverviewPaths[] = [];
  for (let start = 0, index = 0; start < edges.length; start += OVERVIEW_GROUP, index++) {
    const slice = edges.slice(start, start + OVERVIEW_GROUP);
    const inputs = slice.flatMap((edge) => [boxOf(edge.source), boxOf(edge.target), isFlagged(edge.id)]);
    const last = previous[index];
    if (last && last.inputs.every((input, at) => input === inputs[at])) {
      groups.push(last.paths);
      continue;
    }
    const paths = segments(slice, boxOf, isFlagged);
    previous[index] = { inputs, paths };
    groups.push(paths);
  }
  return groups;
}

/**
 * The overview's edges as a few path strings: a data edge from the right middle of its source
 * to the left middle of its target, a revise edge from the reviewer's bottom to its target's top
 * (where their handles sit). Thousands of edge components, each subscribed to the view, cost
 * more per frame than the whole picture; one path per look is repainted only when a node moves.
 */
export function overviewPaths(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[], isFlagged: (edgeId: string) => boolean): OverviewPaths {
  const boxes = boxesById(nodes);
  return segments(edges, (id) => boxes.get(id), isFlagged);
}

/**
 * The paths of the edges touching the nodes in `offsets` while a drag moves those nodes by
 * them (in flow units), not yet in the store: what the drag draws on top each frame.
 */
export function movingPaths(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  isFlagged: (edgeId: string) => boolean,
  offsets: ReadonlyMap<string, XYPosition>,
): OverviewPaths {
  const boxes = boxesById(nodes);
  const touching = edges.filter((edge) => offsets.has(edge.source) || offsets.has(edge.target));
  return segments(touching, (id) => {
    const box = boxes.get(id);
    const offset = offsets.get(id);
    return box && offset ? { ...box, x: box.x + offset.x, y: box.y + offset.y } : box;
  }, isFlagged);
}

function segments(edges: readonly CanvasEdge[], boxOf: BoxOf, isFlagged: (edgeId: string) => boolean): OverviewPaths {
  const parts = { data: [] as string[], revise: [] as string[], flagged: [] as string[] };
  for (const edge of edges) {
    const from = boxOf(edge.source);
    const to = boxOf(edge.target);
    if (!from || !to) continue;
    const revise = edge.type === "revise";
    const segment = revise
      ? `M${from.x + from.width * REVISE_OUT_AT},${from.y + from.height}L${to.x + to.width / 2},${to.y}`
      : `M${from.x + from.width},${from.y + from.height / 2}L${to.x},${to.y + to.height / 2}`;
    (isFlagged(edge.id) ? parts.flagged : revise ? parts.revise : parts.data).push(segment);
  }
  return { data: parts.data.join(""), revise: parts.revise.join(""), flagged: parts.flagged.join("") };
}
