import { ROLE_DEFINITIONS, ancestors, buildTopology, descendants, type EdgeKind } from "@/lib/graph";
import { withArticle } from "@/lib/graph/text";
import type { CanvasEdge, CanvasNode } from "./types";

/**
 * Why an edge from `source` to `target` may not be added, or null when it may. Mirrors the
 * graph rules (lib/graph/validate-rules.ts) so the canvas refuses what the API would reject.
 */
export function connectionProblem(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  source: string,
  target: string,
  kind: EdgeKind,
): string | null {
  if (source === target) return "A node cannot connect to itself.";
  let from: CanvasNode | undefined;
  let to: CanvasNode | undefined;
  for (const node of nodes) {
    if (node.id === source) from = node;
    if (node.id === target) to = node;
  }
  if (!from || !to) return "That node no longer exists.";
  if (edges.some((edge) => edge.source === source && edge.target === target && (edge.type ?? "data") === kind)) {
    return kind === "revise"
      ? `"${from.data.label}" can already send work back to "${to.data.label}".`
      : `"${from.data.label}" already feeds "${to.data.label}".`;
  }

  const topology = buildTopology({ nodes, edges: edges.map((edge) => ({ source: edge.source, target: edge.target, kind: edge.type ?? "data" })) });
  if (kind === "data") {
    if (descendants(topology, target).has(source)) {
      return (
        `That would make a loop: "${to.data.label}" already feeds "${from.data.label}". ` +
        "To send work back, draw a revise edge from a reviewer instead."
      );
    }
    return null;
  }

  if (!ROLE_DEFINITIONS[from.data.role].canStartRevise) {
    return `Only reviewers can send work back; "${from.data.label}" is ${withArticle(ROLE_DEFINITIONS[from.data.role].title.toLowerCase())}.`;
  }
  if (!ancestors(topology, source).has(target)) {
    return `A reviewer can only send work back to a node upstream of it; "${to.data.label}" does not feed "${from.data.label}".`;
  }
  return null;
}

/** Nodes that may receive a new edge of `kind` from `source` (for the inspector's keyboard-friendly connect menus). */
export function connectableTargets(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  source: string,
  kind: EdgeKind,
): CanvasNode[] {
  const topology = buildTopology({ nodes, edges: edges.map((edge) => ({ source: edge.source, target: edge.target, kind: edge.type ?? "data" })) });
  const existing = new Set(edges.filter((edge) => edge.source === source && (edge.type ?? "data") === kind).map((edge) => edge.target));
  if (kind === "data") {
    // Feeding an upstream node would close a loop.
    const upstream = ancestors(topology, source);
    return nodes.filter((node) => node.id !== source && !upstream.has(node.id) && !existing.has(node.id));
  }
  const upstream = ancestors(topology, source);
  return nodes.filter((node) => upstream.has(node.id) && !existing.has(node.id));
}
