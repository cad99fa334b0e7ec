import { getViewportForBounds, type Viewport, type XYPosition } from "@xyflow/react";
import { DEFAULT_NODE_SIZE } from "@/lib/stores/editor";

/** How far out the user may zoom on a graph that fits at a closer zoom. */
export const MIN_ZOOM = 0.1;
/** How far out a fit may go: 2,000 cards fit a laptop screen at about 0.04. */
const FIT_FLOOR_ZOOM = 0.01;
/** The padding every fit leaves round the graph, as a fraction of the canvas. */
export const FIT_PADDING = 0.2;

/**
 * Where the view starts, from stored positions and the canvas size, before React Flow measures
 * anything: the whole graph, fitted (`fitView` refines it once measured). A large graph opens
 * as an overview of cheap boxes (see `detailLevelAt`); zooming in brings the cards back.
 * The zoom may go out as far as the fit needs, so every node of any graph can be on screen.
 */
export function initialView(nodes: readonly { position: XYPosition }[], canvas: { width: number; height: number }): { viewport: Viewport; minZoom: number } {
  if (nodes.length === 0) return { viewport: { x: 0, y: 0, zoom: 1 }, minZoom: MIN_ZOOM };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { position } of nodes) {
    minX = Math.min(minX, position.x);
    minY = Math.min(minY, position.y);
    maxX = Math.max(maxX, position.x + DEFAULT_NODE_SIZE.width);
    maxY = Math.max(maxY, position.y + DEFAULT_NODE_SIZE.height);
  }
  const bounds = { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
  const fitted = getViewportForBounds(bounds, canvas.width, canvas.height, FIT_FLOOR_ZOOM, 1, FIT_PADDING);
  // Measured cards are taller than the default size: leave the refined fit room below the estimate.
  return { viewport: fitted, minZoom: Math.min(MIN_ZOOM, fitted.zoom * 0.8) };
}
