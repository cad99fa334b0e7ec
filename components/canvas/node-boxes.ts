import { DEFAULT_NODE_SIZE, type CanvasNode } from "@/lib/stores/editor";
import type { NodeBox } from "./edges/revise-path";

const cache = new WeakMap<readonly CanvasNode[], NodeBox[]>();

/** The editor's node rectangles (measured, else the default size), computed once per nodes array however many ask. */
export function nodeBoxes(nodes: readonly CanvasNode[]): NodeBox[] {
  let boxes = cache.get(nodes);
  if (!boxes) {
    boxes = nodes.map((node) => ({
      id: node.id,
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? DEFAULT_NODE_SIZE.width,
      height: node.measured?.height ?? DEFAULT_NODE_SIZE.height,
    }));
    cache.set(nodes, boxes);
  }
  return boxes;
}
