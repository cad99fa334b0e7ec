"use client";

import { ViewportPortal } from "@xyflow/react";
import { memo, useMemo } from "react";
import { useEditorStore, type CanvasEdge, type CanvasNode } from "@/lib/stores/editor";
import { overviewGroups, type OverviewPaths } from "./overview-edges";
import { REVISE_COLOR } from "./revise-path";

const HAIRLINE = { strokeWidth: 1, vectorEffect: "non-scaling-stroke", fill: "none" } as const;

/**
 * The overview's edges (every node a box, or on a large graph a box-sized summary): straight
 * hairlines a pixel wide whatever the zoom, no arrows or labels (a few pixels at this zoom), in
 * one SVG inside the viewport, so a pan or zoom frame moves them with the nodes and costs
 * nothing per edge.
 */
export const OverviewEdgesLayer = memo(function OverviewEdgesLayer({ nodes, edges }: { nodes: readonly CanvasNode[]; edges: readonly CanvasEdge[] }) {
  const edgeIssues = useEditorStore((state) => state.edgeIssues);
  const groups = useMemo(() => overviewGroups(nodes, edges, (id) => edgeIssues[id] !== undefined), [nodes, edges, edgeIssues]);
  return (
    <ViewportPortal>
      <svg aria-hidden className="tf-overview-edges" width={1} height={1}>
        {groups.map((paths, index) => (
          <OverviewGroup key={index} {...paths} />
        ))}
      </svg>
    </ViewportPortal>
  );
});

/** Re-renders, and so repaints, only when one of its own paths changed. */
const OverviewGroup = memo(function OverviewGroup({ data, revise, flagged }: OverviewPaths) {
  return (
    <g>
      {data && <path d={data} stroke="#94a3b8" {...HAIRLINE} />}
      {revise && <path d={revise} stroke={REVISE_COLOR} strokeDasharray="4 3" {...HAIRLINE} />}
      {flagged && <path d={flagged} stroke="#dc2626" {...HAIRLINE} />}
    </g>
  );
});
