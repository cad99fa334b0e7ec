import { DEFAULT_NODE_SIZE, type CanvasNode } from "@/lib/stores/editor";
import type { NodeBox } from "./edges/revise-path";

const cache = new WeakMap<readonly CanvasNode[], NodeBox[]>();
const boxes = new WeakMap<CanvasNode, NodeBox>();

/** One node's rectangle (measured, else the default size), the same object for as long as the node object is unchanged. */
export function nodeBox(node: CanvasNode): NodeBox {
  let box = boxes.get(node);
  if (!box) {
    box = {
      id: node.id,
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? DEFAULT_NODE_SIZE.width,
      height: node.measured?.height ?? DEFAULT_NODE_SIZE.height,
    };
    boxes.set(node, box);
  }
  return box;
}

/** The editor's node rectangles, computed once per nodes array however many ask. */
export function nodeBoxes(nodes: readonly CanvasNode[]): NodeBox[] {
  let list = cache.get(nodes);
  if (!list) {
    list = nodes.map(nodeBox);
    cache.set(nodes, list);
  }
  return list;
}
