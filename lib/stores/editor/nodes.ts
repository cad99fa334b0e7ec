import type { XYPosition } from "@xyflow/react";
import { GRAPH_LIMITS, type EdgeKind, type GraphNode, type Role } from "@/lib/graph";
import { canvasEdge, labelsById, nodeAriaLabel, toCanvasNode } from "./convert";
import { DEFAULT_NODE_SIZE } from "./layout";
import type { CanvasEdge, CanvasNode, ClipboardContent, NodeData } from "./types";

/** A fresh node id such as `executor-k3f9xq`. */
export function randomNodeId(role: Role): string {
  return `${role}-${Math.random().toString(36).slice(2, 8).padEnd(6, "0")}`;
}

/** An id from `generate` that no node uses yet. */
export function uniqueNodeId(role: Role, taken: ReadonlySet<string>, generate: (role: Role) => string): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const id = generate(role);
    if (!taken.has(id)) return id;
  }
  let counter = taken.size + 1;
  while (taken.has(`${role}-${counter}`)) counter++;
  return `${role}-${counter}`;
}

/**
 * `base`, or `base 2`, `base 3`… when the label is taken: executors behind one planner are
 * routed to by label, so duplicates would be ambiguous.
 */
export function uniqueLabel(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/ \d+$/, "").slice(0, GRAPH_LIMITS.labelLength - 4);
  if (!taken.has(base)) return base;
  let counter = 2;
  while (taken.has(`${stem} ${counter}`)) counter++;
  return `${stem} ${counter}`;
}

/** `position`, nudged down-right while another node already sits there (repeated palette clicks). */
export function freeSpot(position: XYPosition, nodes: readonly CanvasNode[]): XYPosition {
  let spot = { ...position };
  const near = (node: CanvasNode) => Math.abs(node.position.x - spot.x) < 8 && Math.abs(node.position.y - spot.y) < 8;
  for (let step = 0; step < 100 && nodes.some(near); step++) spot = { x: spot.x + 32, y: spot.y + 32 };
  return spot;
}

/**
 * The free spot nearest `preferred` where a new node overlaps no other node (with a gap),
 * on a 40px grid: where a node added from the palette's buttons lands.
 */
export function openSpot(preferred: XYPosition, nodes: readonly CanvasNode[], gap = 24): XYPosition {
  const { width, height } = DEFAULT_NODE_SIZE;
  const boxes = nodes.map((node) => ({
    x: node.position.x,
    y: node.position.y,
    right: node.position.x + (node.measured?.width ?? width),
    bottom: node.position.y + (node.measured?.height ?? height),
  }));
  const free = (spot: XYPosition) =>
    boxes.every(
      (box) => spot.x + width + gap <= box.x || box.right + gap <= spot.x || spot.y + height + gap <= box.y || box.bottom + gap <= spot.y,
    );
  if (free(preferred)) return preferred;
  const candidates: XYPosition[] = [];
  for (let dx = -800; dx <= 800; dx += 40) {
    for (let dy = -600; dy <= 600; dy += 40) candidates.push({ x: preferred.x + dx, y: preferred.y + dy });
  }
  const distance = (spot: XYPosition) => Math.hypot(spot.x - preferred.x, spot.y - preferred.y);
  candidates.sort((a, b) => distance(a) - distance(b));
  const found = candidates.find(free);
  if (found) return found;
  // Crowded all around: below everything.
  return { x: preferred.x, y: Math.max(...boxes.map((box) => box.bottom)) + gap };
}

export function deselectNodes(nodes: readonly CanvasNode[]): CanvasNode[] {
  return nodes.map((node) => (node.selected ? { ...node, selected: false } : node));
}

export function deselectEdges(edges: readonly CanvasEdge[]): CanvasEdge[] {
  return edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge));
}

/** The node with new data; its accessible name follows the label. */
export function withData(node: CanvasNode, data: NodeData): CanvasNode {
  return { ...node, data, ariaLabel: nodeAriaLabel(data) };
}

/** Edges touching `nodeId` get accessible names with its new label. */
export function relabelEdges(edges: readonly CanvasEdge[], nodes: readonly CanvasNode[], nodeId: string): CanvasEdge[] {
  const labels = labelsById(nodes);
  return edges.map((edge) =>
    edge.source === nodeId || edge.target === nodeId
      ? { ...canvasEdge({ id: edge.id, source: edge.source, target: edge.target, kind: edge.type ?? "data" }, labels), selected: edge.selected }
      : edge,
  );
}

/** An edge id that reads well in exports and is not taken yet. */
export function edgeIdFor(source: string, target: string, kind: EdgeKind, taken: ReadonlySet<string>): string {
  const base = kind === "revise" ? `${source}-revises-${target}` : `${source}->${target}`;
  let id = base;
  for (let counter = 2; taken.has(id); counter++) id = `${base}-${counter}`;
  return id;
}

/** The given nodes and the edges among them, detached from the canvas. */
export function copyOf(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[], ids: ReadonlySet<string>): ClipboardContent {
  return {
    nodes: nodes.filter((node) => ids.has(node.id)).map((node) => ({ id: node.id, position: { ...node.position }, data: node.data })),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => ({ source: edge.source, target: edge.target, kind: edge.type ?? "data" })),
  };
}

/**
 * New canvas nodes and edges for pasted content: fresh ids, unique labels, shifted by
 * `offset`, the new nodes selected.
 */
export function materialize(
  content: ClipboardContent,
  existing: readonly CanvasNode[],
  existingEdges: readonly CanvasEdge[],
  offset: number,
  generate: (role: Role) => string,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const takenIds = new Set(existing.map((node) => node.id));
  const takenLabels = new Set(existing.map((node) => node.data.label));
  const idMap = new Map<string, string>();
  const nodes = content.nodes.map((copied) => {
    const id = uniqueNodeId(copied.data.role, takenIds, generate);
    takenIds.add(id);
    idMap.set(copied.id, id);
    const label = uniqueLabel(copied.data.label, takenLabels);
    takenLabels.add(label);
    const graphNode = {
      ...structuredClone(copied.data),
      id,
      label,
      position: { x: copied.position.x + offset, y: copied.position.y + offset },
    } as GraphNode;
    return toCanvasNode(graphNode, true);
  });
  const labels = labelsById(nodes);
  const takenEdgeIds = new Set(existingEdges.map((edge) => edge.id));
  const edges = content.edges.map((copied) => {
    const source = idMap.get(copied.source)!;
    const target = idMap.get(copied.target)!;
    const id = edgeIdFor(source, target, copied.kind, takenEdgeIds);
    takenEdgeIds.add(id);
    return canvasEdge({ id, source, target, kind: copied.kind }, labels);
  });
  return { nodes, edges };
}

/** Ids of selected nodes; `previous` itself when the selection did not change. */
export function selectedIds(nodes: readonly CanvasNode[], previous: readonly string[]): readonly string[] {
  const ids: string[] = [];
  for (const node of nodes) if (node.selected) ids.push(node.id);
  return ids.length === previous.length && ids.every((id, index) => id === previous[index]) ? previous : ids;
}
