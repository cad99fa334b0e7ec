"use client";

import { useStoreApi, ViewportPortal, type Transform, type XYPosition } from "@xyflow/react";
import { memo, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
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
 * each frame on a canvas over the pane, without a render. Not an SVG: changing a path makes
 * Chromium repaint the whole picture of boxes (about 6 ms a frame at 2,000 nodes, measured),
 * where a canvas's new pixels repaint nothing else.
 */
export const OverviewEdgesLayer = memo(function OverviewEdgesLayer({ nodes, edges, ref }: LayerProps) {
  const flow = useStoreApi();
  const edgeIssues = useEditorStore((state) => state.edgeIssues);
  const [moving, setMoving] = useState<ReadonlySet<string> | null>(null);
  const isFlagged = useCallback((id: string) => edgeIssues[id] !== undefined, [edgeIssues]);
  const groups = useMemo(() => overviewGroups(nodes, edges, isFlagged, moving ?? undefined), [nodes, edges, isFlagged, moving]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const carried = useRef<OverviewPaths | null>(null);
  useImperativeHandle(ref, () => ({
    follow(offsets) {
      carried.current = offsets ? movingPaths(nodes, edges, isFlagged, offsets) : null;
      if (canvas.current) drawCarried(canvas.current, carried.current, flow.getState().transform, moving === null);
      // Once at each end of a drag, not every frame: the groups leave out the carried edges, then take them back.
      if ((offsets === null) !== (moving === null)) setMoving(offsets && new Set(offsets.keys()));
    },
  }));
  // The canvas is in screen space: a zoom or pan mid-drag (the wheel, auto-pan) redraws it.
  useEffect(() => {
    if (!moving) return;
    return flow.subscribe((state, previous) => {
      if (state.transform !== previous.transform && canvas.current) drawCarried(canvas.current, carried.current, state.transform, false);
    });
  }, [flow, moving]);
  return (
    <>
      <ViewportPortal>
        <svg aria-hidden className="tf-overview-edges" width={1} height={1}>
          {groups.map((paths, index) => (
            <OverviewGroup key={index} {...paths} />
          ))}
        </svg>
      </ViewportPortal>
      <canvas ref={canvas} aria-hidden className="tf-overview-carried" width={0} height={0} />
    </>
  );
});

/**
 * Draws the carried edges as the SVG draws the others: hairlines a CSS pixel wide whatever the
 * zoom, revise edges dashed, flagged ones red on top. `resize` (a drag's first frame) first
 * fits the canvas's pixels to its box, read once then rather than every frame.
 */
function drawCarried(canvas: HTMLCanvasElement, paths: OverviewPaths | null, [x, y, zoom]: Transform, resize: boolean): void {
  const ratio = window.devicePixelRatio || 1;
  if (resize) [canvas.width, canvas.height] = [Math.round(canvas.clientWidth * ratio), Math.round(canvas.clientHeight * ratio)];
  const context = canvas.getContext("2d");
  if (!context) return;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (!paths) return;
  context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y);
  context.lineWidth = 1 / zoom;
  for (const look of Object.keys(LOOKS) as Look[]) {
    if (!paths[look]) continue;
    const style: { stroke: string; strokeDasharray?: string } = LOOKS[look];
    context.strokeStyle = style.stroke;
    context.setLineDash(style.strokeDasharray?.split(" ").map((length) => Number(length) / zoom) ?? []);
    context.stroke(new Path2D(paths[look]));
  }
}

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
