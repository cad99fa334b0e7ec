"use client";

import { ViewportPortal, type XYPosition } from "@xyflow/react";
import { memo, useCallback, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { useEditorStore, type CanvasEdge, type CanvasNode } from "@/lib/stores/editor";
import { movingPaths, overviewGroups, type OverviewPaths } from "./overview-edges";
import { REVISE_COLOR } from "./revise-path";

const HAIRLINE = { strokeWidth: 1, vectorEffect: "non-scaling-stroke", fill: "none" } as const;
const LOOKS = { data: { stroke: "#94a3b8" }, revise: { stroke: REVISE_COLOR, strokeDasharray: "4 3" }, flagged: { stroke: "#dc2626" } } as const;
type Look = keyof typeof LOOKS;

/** How a drag in the overview moves the edges of the nodes it carries (see overview-drag.ts). */
export interface OverviewEdgesHandle {
  /** Draws the edges of these nodes moved by their offsets (flow units); null when the drag is over. */
  follow(offsets: ReadonlyMap<string, XYPosition> | null): void;
}

interface LayerProps {
  nodes: readonly CanvasNode[];
  edges: readonly CanvasEdge[];
  ref?: Ref<OverviewEdgesHandle>;
}

/**
 * The overview's edges (every node a box, or on a large graph a box-sized summary): straight
 * hairlines a pixel wide whatever the zoom, no arrows or labels (a few pixels at this zoom), in
 * one SVG inside the viewport, so a pan or zoom frame moves them with the nodes and costs
 * nothing per edge. While a drag carries some nodes, their edges leave the groups and are drawn
 * into a second SVG on top, straight into the DOM each frame, without a render.
 */
export const OverviewEdgesLayer = memo(function OverviewEdgesLayer({ nodes, edges, ref }: LayerProps) {
  const edgeIssues = useEditorStore((state) => state.edgeIssues);
  const [moving, setMoving] = useState<ReadonlySet<string> | null>(null);
  const isFlagged = useCallback((id: string) => edgeIssues[id] !== undefined, [edgeIssues]);
  const groups = useMemo(() => overviewGroups(nodes, edges, isFlagged, moving ?? undefined), [nodes, edges, isFlagged, moving]);
  const carried = useRef<Record<Look, SVGPathElement | null>>({ data: null, revise: null, flagged: null });
  useImperativeHandle(ref, () => ({
    follow(offsets) {
      const paths = offsets ? movingPaths(nodes, edges, isFlagged, offsets) : null;
      for (const look of Object.keys(LOOKS) as Look[]) carried.current[look]?.setAttribute("d", paths?.[look] ?? "");
      // Once at each end of a drag, not every frame: the groups leave out the carried edges, then take them back.
      if ((offsets === null) !== (moving === null)) setMoving(offsets && new Set(offsets.keys()));
    },
  }));
  return (
    <ViewportPortal>
      <svg aria-hidden className="tf-overview-edges" width={1} height={1}>
        {groups.map((paths, index) => (
          <OverviewGroup key={index} {...paths} />
        ))}
      </svg>
      {/* On a layer of its own, like the carried boxes (overview-drag.ts): redrawing these few paths repaints nothing else. */}
      <svg aria-hidden className="tf-overview-edges tf-overview-carried" width={1} height={1}>
        {(Object.keys(LOOKS) as Look[]).map((look) => (
          <path
            key={look}
            ref={(path) => {
              carried.current[look] = path;
            }}
            {...LOOKS[look]}
            {...HAIRLINE}
          />
        ))}
      </svg>
    </ViewportPortal>
  );
});

/** Re-renders, and so repaints, only when one of its own paths changed. */
const OverviewGroup = memo(function OverviewGroup({ data, revise, flagged }: OverviewPaths) {
  return (
    <g>
      {data && <path d={data} {...LOOKS.data} {...HAIRLINE} />}
      {revise && <path d={revise} {...LOOKS.revise} {...HAIRLINE} />}
      {flagged && <path d={flagged} {...LOOKS.flagged} {...HAIRLINE} />}
    </g>
  );
});
