"use client";

import { BaseEdge, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore, type CanvasEdge } from "@/lib/stores/editor";

/** A data edge: a solid curve carrying output downstream; red when validation flags it. (The overview of boxes draws its edges itself: overview-edges-layer.) */
export const DataEdge = memo(function DataEdge(props: EdgeProps<CanvasEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected } = props;
  const flagged = useEditorStore((state) => state.edgeIssues[id] !== undefined);
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      interactionWidth={16}
      style={{ stroke: flagged ? "#dc2626" : selected ? "#334155" : "#94a3b8", strokeWidth: selected ? 2.5 : 1.75 }}
    />
  );
});
