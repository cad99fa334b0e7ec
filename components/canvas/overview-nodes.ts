import type { CanvasNode } from "@/lib/stores/editor";

/** A node's size in the overview: `BoxCard` and `CompactCard` (nodes/node-card.tsx) are drawn at exactly this. */
export const BOX_SIZE = { width: 224, height: 84 } as const;

const boxNodes = new WeakMap<CanvasNode, CanvasNode>();
const boxArrays = new WeakMap<readonly CanvasNode[], CanvasNode[]>();

/**
 * A node as React Flow gets it in the overview. Placed by `left`/`top` rather than React
 * Flow's `transform: translate(...)` (its `style` is spread after the transform): Chromium
 * makes every transformed node a layer candidate, and sorting 2,000 of them cost most of
 * each drag, pan and zoom frame. Its size is given, so it is drawn at once instead of hidden
 * until measured, and the measurement that follows changes nothing to send back to the store.
 * Cached per node object, so an unchanged node stays the same object and React Flow skips it.
 */
export function overviewNode(node: CanvasNode): CanvasNode {
  let box = boxNodes.get(node);
  if (!box) {
    // The node being dragged keeps the transform: moving it by `left`/`top` would lay out every node's box again each frame.
    box = node.dragging
      ? { ...node, measured: BOX_SIZE }
      : { ...node, style: { ...node.style, transform: "none", left: node.position.x, top: node.position.y }, measured: BOX_SIZE };
    boxNodes.set(node, box);
  }
  return box;
}

/** `overviewNode` for every node, once per nodes array. */
export function overviewNodes(nodes: readonly CanvasNode[]): CanvasNode[] {
  let boxes = boxArrays.get(nodes);
  if (!boxes) {
    boxes = nodes.map(overviewNode);
    boxArrays.set(nodes, boxes);
  }
  return boxes;
}
