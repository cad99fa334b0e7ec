"use client";

import { BaseEdge, useStore, type Edge, type EdgeProps, type ReactFlowState } from "@xyflow/react";
import { memo } from "react";
import { shallow } from "zustand/shallow";
import { REVISE_COLOR, REVISE_LABEL_CHIP, roundedPath, routeReviseEdges, type NodeBox, type ReviseRoute } from "@/components/canvas/edges/revise-path";

/** What a revise edge of the live canvas carries: its label, and every revise edge of the graph (for nested lanes). */
export type RunReviseEdgeData = { label: string; reviseEdges: readonly { id: string; source: string; target: string }[] };
export type RunReviseEdge = Edge<RunReviseEdgeData, "revise">;

/** Boxes from React Flow's measured nodes: live cards grow with pools and previews, so their sizes are not known up front. */
function measuredBoxes(state: ReactFlowState): NodeBox[] {
  const boxes: NodeBox[] = [];
  for (const node of state.nodeLookup.values()) {
    if (!node.measured.width || !node.measured.height) continue;
    const { x, y } = node.internals.positionAbsolute;
    boxes.push({ id: node.id, x, y, width: node.measured.width, height: node.measured.height });
  }
  return boxes;
}

const sameBoxes = (a: readonly NodeBox[], b: readonly NodeBox[]) =>
  a.length === b.length && a.every((box, i) => box.id === b[i].id && box.x === b[i].x && box.y === b[i].y && box.width === b[i].width && box.height === b[i].height);

// The store changes on every pan frame: route the graph's revise edges again only when a card moved or grew.
const routeCache = new WeakMap<RunReviseEdgeData["reviseEdges"], { boxes: NodeBox[]; routes: Map<string, ReviseRoute> }>();

function routesFor(state: ReactFlowState, reviseEdges: RunReviseEdgeData["reviseEdges"]): Map<string, ReviseRoute> {
  const boxes = measuredBoxes(state);
  const cached = routeCache.get(reviseEdges);
  if (cached && sameBoxes(cached.boxes, boxes)) return cached.routes;
  const routes = routeReviseEdges(boxes, reviseEdges);
  routeCache.set(reviseEdges, { boxes, routes });
  return routes;
}

/**
 * A revise edge on the live canvas, routed as the editor routes it (`routeReviseEdges`): from
 * the reviewer round the cards into its target, labelled in the middle of its lane.
 */
export const RunReviseEdgeView = memo(function RunReviseEdgeView({ id, data, markerEnd, sourceX, sourceY, targetX, targetY }: EdgeProps<RunReviseEdge>) {
  const route = useStore((state) => {
    const found = data && routesFor(state, data.reviseEdges).get(id);
    return found ? { path: roundedPath(found.points), labelX: found.label.x, labelY: found.label.y } : null;
  }, shallow);
  return (
    <BaseEdge
      id={id}
      path={route?.path ?? `M ${sourceX},${sourceY} L ${targetX},${targetY}`}
      markerEnd={markerEnd}
      label={route ? data?.label : undefined}
      labelX={route?.labelX}
      labelY={route?.labelY}
      labelStyle={{ fill: REVISE_COLOR, fontSize: 11, fontWeight: 600 }}
      {...REVISE_LABEL_CHIP}
      style={{ stroke: REVISE_COLOR, strokeWidth: 1.5, strokeDasharray: "6 4" }}
    />
  );
});
