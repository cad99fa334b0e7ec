"use client";

import { BaseEdge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useEditorStore, type CanvasEdge, type CanvasNode, type EditorStore } from "@/lib/stores/editor";
import { nodeBoxes } from "../node-boxes";
import { REVISE_COLOR, REVISE_LABEL_CHIP, reviseLabel, roundedPath, routeReviseEdges, type ReviseRoute } from "./revise-path";

const cache = new WeakMap<readonly CanvasNode[], WeakMap<readonly CanvasEdge[], Map<string, ReviseRoute>>>();

/** Every revise edge's route, computed once per nodes and edges arrays however many edges ask. */
function reviseRoutes(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Map<string, ReviseRoute> {
  let byEdges = cache.get(nodes);
  if (!byEdges) cache.set(nodes, (byEdges = new WeakMap()));
  let routes = byEdges.get(edges);
  if (!routes) {
    routes = routeReviseEdges(
      nodeBoxes(nodes),
      edges.filter((edge) => edge.type === "revise"),
    );
    byEdges.set(edges, routes);
  }
  return routes;
}

const byId = new WeakMap<readonly CanvasNode[], Map<string, CanvasNode>>();

/** The nodes by id, once per nodes array: each revise edge asks on every drag frame. */
function nodeById(nodes: readonly CanvasNode[]): Map<string, CanvasNode> {
  let map = byId.get(nodes);
  if (!map) byId.set(nodes, (map = new Map(nodes.map((node) => [node.id, node]))));
  return map;
}

/** A flat slice of primitives, so the edge re-renders only when its own route or label changes. */
function selectRoute(state: EditorStore, id: string, source: string) {
  const route = reviseRoutes(state.nodes, state.edges).get(id);
  const reviewer = nodeById(state.nodes).get(source);
  return {
    path: route ? roundedPath(route.points) : null,
    labelX: route?.label.x ?? 0,
    labelY: route?.label.y ?? 0,
    label: reviseLabel(reviewer?.data.role === "reviewer" ? reviewer.data.options.maxRevisions : undefined),
    flagged: state.edgeIssues[id] !== undefined,
  };
}

/**
 * A revise edge: dashed amber, out of the reviewer and round the nodes into its target's top
 * or bottom (see `routeReviseEdges`), labelled "revise ×N" (the reviewer's revision limit)
 * in the middle of its lane, away from every card, so it never reads as data flow.
 */
export const ReviseEdge = memo(function ReviseEdge(props: EdgeProps<CanvasEdge>) {
  const { id, source, sourceX, sourceY, targetX, targetY, markerEnd, selected } = props;
  // From the editor store, not React Flow's: it does not change while the view pans or zooms.
  const route = useEditorStore(useShallow((state) => selectRoute(state, id, source)));
  const color = route.flagged ? "#dc2626" : REVISE_COLOR;
  return (
    <BaseEdge
      id={id}
      path={route.path ?? `M ${sourceX},${sourceY} L ${targetX},${targetY}`}
      markerEnd={markerEnd}
      interactionWidth={16}
      label={route.path ? route.label : undefined}
      labelX={route.labelX}
      labelY={route.labelY}
      labelStyle={{ fill: color, fontSize: 11, fontWeight: 600 }}
      {...REVISE_LABEL_CHIP}
      style={{ stroke: color, strokeWidth: selected ? 2.5 : 1.75, strokeDasharray: "6 4" }}
    />
  );
});
