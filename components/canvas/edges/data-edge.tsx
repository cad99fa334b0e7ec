"use client";

import { BaseEdge, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore, type CanvasEdge } from "@/lib/stores/editor";
import { useDetailLevel } from "../nodes/detail-level";

/**
 * A data edge: a solid curve carrying output downstream; red when validation flags it. In the
 * overview of boxes it is a bare hairline (no arrow, no wide invisible hit path): thousands of
 * them are repainted on every pan frame, and at that zoom an arrowhead is under a pixel.
 */
export const DataEdge = memo(function DataEdge(props: EdgeProps<CanvasEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected } = props;
  const flagged = useEditorStore((state) => state.edgeIssues[id] !== undefined);
  const overview = useDetailLevel() === "box";
  if (overview) return <OverviewEdge id={id} sourceX={sourceX} sourceY={sourceY} targetX={targetX} targetY={targetY} color={flagged ? "#dc2626" : "#94a3b8"} />;
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

/** A straight hairline a pixel wide whatever the zoom, for the overview of boxes (the revise edge draws the same). */
export function OverviewEdge({ id, sourceX, sourceY, targetX, targetY, color, dashed }: { id: string; sourceX: number; sourceY: number; targetX: number; targetY: number; color: string; dashed?: boolean }) {
  return (
    <BaseEdge
      id={id}
      path={`M ${sourceX},${sourceY} L ${targetX},${targetY}`}
      interactionWidth={0}
      style={{ stroke: color, strokeWidth: 1, vectorEffect: "non-scaling-stroke", strokeDasharray: dashed ? "4 3" : undefined }}
    />
  );
}
