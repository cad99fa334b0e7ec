import { Position } from "@xyflow/react";
import type { NodeBox } from "../edges/revise-path";

/** Room the node toolbar takes on screen (two small buttons), and its distance from the node. */
export const TOOLBAR = { width: 170, height: 34, offset: 8 } as const;

const SIDES = [Position.Top, Position.Bottom, Position.Right, Position.Left] as const;

/**
 * Which side of a selected node its toolbar goes, so it covers no neighbouring node: above
 * when there is room, else below, right or left; above when nothing is free. The toolbar keeps
 * its screen size at every zoom, so the room it needs on the canvas grows as you zoom out.
 */
export function toolbarSide(boxes: readonly NodeBox[], nodeId: string, zoom: number): Position {
  const node = boxes.find((box) => box.id === nodeId);
  if (!node) return Position.Top;
  const width = TOOLBAR.width / zoom;
  const height = TOOLBAR.height / zoom;
  const offset = TOOLBAR.offset / zoom;
  const centerX = node.x + node.width / 2;
  const centerY = node.y + node.height / 2;
  const area: Record<(typeof SIDES)[number], Omit<NodeBox, "id">> = {
    [Position.Top]: { x: centerX - width / 2, y: node.y - offset - height, width, height },
    [Position.Bottom]: { x: centerX - width / 2, y: node.y + node.height + offset, width, height },
    [Position.Right]: { x: node.x + node.width + offset, y: centerY - height / 2, width, height },
    [Position.Left]: { x: node.x - offset - width, y: centerY - height / 2, width, height },
  };
  const free = (room: Omit<NodeBox, "id">) =>
    !boxes.some(
      (box) => box.id !== nodeId && box.x < room.x + room.width && box.x + box.width > room.x && box.y < room.y + room.height && box.y + box.height > room.y,
    );
  return SIDES.find((side) => free(area[side])) ?? Position.Top;
}
