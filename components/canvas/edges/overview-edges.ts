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

/** Every edge of the overview as straight segments, one SVG path per look. */
export interface OverviewPaths {
  data: string;
  revise: string;
  /** Edges validation flags, drawn red on top. */
  flagged: string;
}

/** Edges per group of paths: a moved node repaints only the groups holding its edges, not the whole picture. */
export const OVERVIEW_GROUP = 64;

/** `overviewPaths` for consecutive groups of `OVERVIEW_GROUP` edges (edges of one part of a graph tend to sit together). */
export function overviewGroups(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[], isFlagged: (edgeId: string) => boolean): OverviewPaths[] {
  const groups: OverviewPaths[] = [];
  for (let start = 0; start < edges.length; start += OVERVIEW_GROUP) groups.push(overviewPaths(nodes, edges.slice(start, start + OVERVIEW_GROUP), isFlagged));
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
  const parts = { data: [] as string[], revise: [] as string[], flagged: [] as string[] };
  for (const edge of edges) {
    const from = boxes.get(edge.source);
    const to = boxes.get(edge.target);
    if (!from || !to) continue;
    const revise = edge.type === "revise";
    const segment = revise
      ? `M${from.x + from.width * REVISE_OUT_AT},${from.y + from.height}L${to.x + to.width / 2},${to.y}`
      : `M${from.x + from.width},${from.y + from.height / 2}L${to.x},${to.y + to.height / 2}`;
    (isFlagged(edge.id) ? parts.flagged : revise ? parts.revise : parts.data).push(segment);
  }
  return { data: parts.data.join(""), revise: parts.revise.join(""), flagged: parts.flagged.join("") };
}
