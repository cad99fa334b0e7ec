"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  useStore,
  type Edge,
  type EdgeTypes,
  type FitViewOptions,
  type NodeMouseHandler,
  type NodeTypes,
  type ReactFlowState,
} from "@xyflow/react";
import { useEffect, useMemo, useRef, type RefObject } from "react";
import { getRoleDefinition, type GraphDocument } from "@/lib/graph";
import { useRunStore } from "@/lib/stores/run";
import { REVISE_COLOR, reviseLabel } from "@/components/canvas/edges/revise-path";
import { spreadPositions } from "./canvas-layout";
import { RUN_HANDLES, RunNode, type RunCanvasNode } from "./run-node";
import { RunReviseEdgeView, type RunReviseEdge } from "./run-revise-edge";

const nodeTypes: NodeTypes = { run: RunNode };
const edgeTypes: EdgeTypes = { revise: RunReviseEdgeView };
// Room above and below the cards for the revise edges' lanes and labels, which fitting to the nodes alone would cut off.
const FIT_VIEW: FitViewOptions = { padding: { x: "4%", y: "64px" }, maxZoom: 1 };

/**
 * The run's graph snapshot as a read-only canvas: nodes show their live state, data edges into
 * a running node animate, revise edges run dashed amber round the cards, as in the editor.
 * Clicking a node selects it.
 */
export function LiveCanvas({ graph, selectedNodeId, onSelectNode }: { graph: GraphDocument; selectedNodeId: string | null; onSelectNode: (nodeId: string) => void }) {
  // One string, so edges are rebuilt only when the set of running nodes changes.
  const running = useRunStore((s) =>
    Object.values(s.summary.nodes)
      .filter((n) => n.status === "running")
      .map((n) => n.nodeId)
      .join("\n"),
  );

  const positions = useMemo(() => spreadPositions(graph.nodes.map((n) => n.position)), [graph]);
  const nodes = useMemo<RunCanvasNode[]>(
    () =>
      graph.nodes.map((node, i) => ({
        id: node.id,
        type: "run",
        position: positions[i],
        data: { label: node.label, role: node.role, tier: node.tier, reviewer: getRoleDefinition(node.role).canStartRevise },
        selected: node.id === selectedNodeId,
        ariaLabel: node.label,
        draggable: false,
        connectable: false,
      })),
    [graph, positions, selectedNodeId],
  );

  const edges = useMemo<(Edge | RunReviseEdge)[]>(() => {
    const active = new Set(running.split("\n"));
    const reviseEdges = graph.edges.filter((edge) => edge.kind === "revise");
    const byId = new Map(graph.nodes.map((node) => [node.id, node]));
    const labelOf = (nodeId: string) => byId.get(nodeId)?.label ?? nodeId;
    const maxRevisions = (nodeId: string) => {
      const node = byId.get(nodeId);
      return node && "maxRevisions" in node.options ? node.options.maxRevisions : undefined;
    };
    return graph.edges.map((edge) =>
      edge.kind === "revise"
        ? {
            id: edge.id,
            source: edge.source,
            target: edge.target,
            sourceHandle: RUN_HANDLES.reviseOut,
            targetHandle: RUN_HANDLES.reviseIn,
            type: "revise" as const,
            data: { label: reviseLabel(maxRevisions(edge.source)), reviseEdges },
            ariaLabel: `Revise edge: ${labelOf(edge.source)} sends work back to ${labelOf(edge.target)}`,
            markerEnd: { type: MarkerType.ArrowClosed, color: REVISE_COLOR },
            focusable: false,
          }
        : {
            id: edge.id,
            source: edge.source,
            target: edge.target,
            sourceHandle: RUN_HANDLES.out,
            targetHandle: RUN_HANDLES.in,
            ariaLabel: `Data edge: ${labelOf(edge.source)} to ${labelOf(edge.target)}`,
            animated: active.has(edge.target),
            style: { stroke: active.has(edge.target) ? "#0284c7" : "#94a3b8", strokeWidth: active.has(edge.target) ? 2 : 1.5 },
            markerEnd: { type: MarkerType.ArrowClosed, color: active.has(edge.target) ? "#0284c7" : "#94a3b8" },
            focusable: false,
          },
    );
  }, [graph, running]);

  const onNodeClick: NodeMouseHandler = (_event, node) => onSelectNode(node.id);
  const moved = useRef(false);

  return (
    <div className="h-full w-full">
      <ReactFlow<RunCanvasNode, Edge | RunReviseEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW}
        // Only a person's pan or zoom has an event; from then on the view is theirs.
        onMoveStart={(event) => {
          if (event) moved.current = true;
        }}
        minZoom={0.2}
        maxZoom={1.5}
        aria-label="Live graph of the run"
      >
        <KeepFitted moved={moved} />
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <Controls showInteractive={false} aria-label="Zoom controls" />
      </ReactFlow>
    </div>
  );
}

/** The cards' extent, as a string so it compares by value: it changes when a card grows (a pool row, a preview). */
const extentOf = (state: ReactFlowState) => {
  let bottom = 0;
  let right = 0;
  for (const node of state.nodeLookup.values()) {
    bottom = Math.max(bottom, node.internals.positionAbsolute.y + (node.measured.height ?? 0));
    right = Math.max(right, node.internals.positionAbsolute.x + (node.measured.width ?? 0));
  }
  return `${Math.round(right)}x${Math.round(bottom)}`;
};

/**
 * Cards grow as the run goes (pool rows, streamed previews), so the first fit would soon cut
 * off the bottom row and the revise lanes under it: refit whenever the cards' extent changes,
 * until the viewer pans or zooms themselves.
 */
function KeepFitted({ moved }: { moved: RefObject<boolean> }) {
  const extent = useStore(extentOf);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!moved.current) void fitView(FIT_VIEW);
  }, [extent, fitView, moved]);
  return null;
}
