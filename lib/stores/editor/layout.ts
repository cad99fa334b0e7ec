import dagre from "@dagrejs/dagre";
import type { XYPosition } from "@xyflow/react";
import type { CanvasEdge, CanvasNode } from "./types";

/** Size assumed for a node React Flow has not measured yet. */
export const DEFAULT_NODE_SIZE = { width: 224, height: 120 } as const;

/**
 * Positions for a left-to-right layered layout of the data edges. Revise edges are left
 * out: they point backwards and would only fold the layers onto each other.
 */
export function layeredLayout(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Map<string, XYPosition> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 36, ranksep: 90, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    graph.setNode(node.id, {
      width: node.measured?.width ?? DEFAULT_NODE_SIZE.width,
      height: node.measured?.height ?? DEFAULT_NODE_SIZE.height,
    });
  }
  for (const edge of edges) {
    if ((edge.type ?? "data") === "data") graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);

  const positions = new Map<string, XYPosition>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    // dagre places centres; React Flow positions are top-left corners.
    positions.set(node.id, { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) });
  }
  return positions;
}
