import { MarkerType } from "@xyflow/react";
import {
  GRAPH_SCHEMA_VERSION,
  ROLE_DEFINITIONS,
  type EdgeKind,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type GraphSettings,
} from "@/lib/graph";
import type { CanvasEdge, CanvasNode, NodeData } from "./types";

/** Handle ids. Edges always use the pair that matches their kind, whichever handle a drag ended on. */
export const HANDLES = {
  dataOut: "out",
  dataIn: "in",
  reviseOut: "revise",
  reviseIn: "revise-in",
} as const;

const EDGE_COLORS: Record<EdgeKind, string> = { data: "#94a3b8", revise: "#d97706" };

/** What screen readers call a node: role and label. */
export function nodeAriaLabel(data: Pick<NodeData, "role" | "label">): string {
  return `${ROLE_DEFINITIONS[data.role].title}: ${data.label}`;
}

export function toCanvasNode(node: GraphNode, selected = false): CanvasNode {
  const { id, position, ...data } = node;
  return {
    id,
    type: node.role,
    position: { x: position.x, y: position.y },
    data: data as NodeData,
    ariaLabel: nodeAriaLabel(node),
    ...(selected ? { selected } : {}),
  };
}

/** The edge kind a connection gets from the handle it started at. */
export function edgeKindFromHandle(sourceHandle: string | null | undefined): EdgeKind {
  return sourceHandle === HANDLES.reviseOut ? "revise" : "data";
}

export function canvasEdge(
  edge: Pick<GraphEdge, "id" | "source" | "target" | "kind">,
  labels: ReadonlyMap<string, string>,
): CanvasEdge {
  const revise = edge.kind === "revise";
  const from = labels.get(edge.source) ?? edge.source;
  const to = labels.get(edge.target) ?? edge.target;
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    type: edge.kind,
    sourceHandle: revise ? HANDLES.reviseOut : HANDLES.dataOut,
    targetHandle: revise ? HANDLES.reviseIn : HANDLES.dataIn,
    markerEnd: { type: MarkerType.ArrowClosed, color: EDGE_COLORS[edge.kind], width: 18, height: 18 },
    ariaLabel: revise ? `Revise edge: ${from} sends work back to ${to}` : `Data edge: ${from} to ${to}`,
  };
}

export function labelsById(nodes: readonly CanvasNode[]): Map<string, string> {
  return new Map(nodes.map((node) => [node.id, node.data.label]));
}

/** The canvas as a graph document. Positions are rounded: sub-pixel drags are not worth storing. */
export function toGraphDocument(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[], settings: GraphSettings): GraphDocument {
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    nodes: nodes.map((node) => toGraphNode(node)),
    edges: edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, kind: edge.type ?? "data" })),
    settings: { ...settings },
  };
}

export function toGraphNode(node: CanvasNode): GraphNode {
  return {
    id: node.id,
    ...node.data,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
  } as GraphNode;
}

/** Canvas nodes and edges for a (validated) document. */
export function fromGraphDocument(document: GraphDocument): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes = document.nodes.map((node) => toCanvasNode(node));
  const labels = labelsById(nodes);
  return { nodes, edges: document.edges.map((edge) => canvasEdge(edge, labels)) };
}
