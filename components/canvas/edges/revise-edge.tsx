"use client";

import { BaseEdge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore, type CanvasEdge } from "@/lib/stores/editor";
import { LANE_GAP, laneBelow, nodeBoxes, roundedPath } from "./revise-path";

/**
 * A revise edge: dashed amber, leaving the reviewer downwards, running in a lane under the
 * nodes in its way and entering its target from the left, labelled "revise" so it never
 * reads as data flow.
 */
export const ReviseEdge = memo(function ReviseEdge(props: EdgeProps<CanvasEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, markerEnd, selected } = props;
  const flagged = useEditorStore((state) => state.edgeIssues[id] !== undefined);
  const turnX = targetX - LANE_GAP;
  // From the editor store, not React Flow's: it does not change while the view pans or zooms.
  const lane = useEditorStore((state) => laneBelow(nodeBoxes(state.nodes), turnX, sourceX, Math.max(sourceY, targetY)));
  const path = roundedPath([
    { x: sourceX, y: sourceY },
    { x: sourceX, y: lane },
    { x: turnX, y: lane },
    { x: turnX, y: targetY },
    { x: targetX, y: targetY },
  ]);
  const color = flagged ? "#dc2626" : "#d97706";
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      interactionWidth={16}
      label="revise"
      labelX={(sourceX + turnX) / 2}
      labelY={lane}
      labelStyle={{ fill: color, fontSize: 10, fontWeight: 600 }}
      labelBgStyle={{ fill: "#fffbeb" }}
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
      style={{ stroke: color, strokeWidth: selected ? 2.5 : 1.75, strokeDasharray: "6 4" }}
    />
  );
});
