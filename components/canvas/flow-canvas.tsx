"use client";

import "@xyflow/react/dist/style.css";
import "./canvas.css";
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useConnection,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type FitViewOptions,
  type Node,
  type OnConnectEnd,
  type ReactFlowState,
} from "@xyflow/react";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type DragEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { isRole } from "@/lib/graph";
import {
  DEFAULT_NODE_SIZE,
  HANDLES,
  edgeKindFromHandle,
  useEditorStore,
  useEditorStoreApi,
  type CanvasEdge,
  type CanvasNode,
  type EditorStore,
} from "@/lib/stores/editor";
import { RAIL_PX, WIDE_SCREEN_PX } from "@/components/ui/side-panel";
import { useEditorReadOnly } from "./editor-mode";
import { OverviewEdgesLayer, type OverviewEdgesHandle } from "./edges/overview-edges-layer";
import { edgeTypes, nodeTypes } from "./flow-types";
import { FIT_PADDING, initialView } from "./initial-view";
import { DetailLevelContext, OverviewContext, detailLevelAt } from "./nodes/detail-level";
import { useOverviewDrag } from "./overview-drag";
import { overviewNodes } from "./overview-nodes";
import { ROLE_MIME } from "./palette";
import { ROLE_COLOR } from "./role-style";

/** Grid the nodes snap to when snapping is on (the dot background uses the same spacing). */
export const GRID = 20;
const SNAP_GRID: [number, number] = [GRID, GRID];
const FIT_VIEW_OPTIONS: FitViewOptions = { padding: FIT_PADDING, maxZoom: 1 };

// The only component that reads the node and edge arrays: React Flow needs them, and they change every drag frame.
const selector = (state: EditorStore) => ({
  nodes: state.nodes,
  edges: state.edges,
  onNodesChange: state.onNodesChange,
  onEdgesChange: state.onEdgesChange,
  onConnect: state.onConnect,
  isValidConnection: state.isValidConnection,
  snapToGrid: state.snapToGrid,
});

function miniMapColor(node: Node): string {
  return isRole(node.type) ? ROLE_COLOR[node.type] : "#94a3b8";
}

const MAX_ZOOM = 2;
/** Above this many nodes, only what is in view is rendered (closer in than the overview, where every node is in view). */
export const LARGE_GRAPH = 150;
const noSubscription = () => () => {};
const NO_EDGES: CanvasEdge[] = [];
const drawingRevise = (connection: { inProgress: boolean; fromHandle: { id?: string | null } | null }) =>
  connection.inProgress && connection.fromHandle?.id === HANDLES.reviseOut;

/** The canvas is the window minus the side panels (open from 1280px, rails below: see editor-client) and the bars above it. */
function canvasSize(): { width: number; height: number } {
  return {
    width: Math.max(320, window.innerWidth - (window.innerWidth >= WIDE_SCREEN_PX ? 608 : 2 * RAIL_PX)),
    height: Math.max(240, window.innerHeight - 100),
  };
}

/**
 * The React Flow canvas: nodes per role, data and revise edges, drop target for the palette.
 * It renders in the browser only: server-rendering and hydrating every node of a large
 * graph would cost more than drawing it once.
 */
export function FlowCanvas() {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!inBrowser) {
    return <div className="grid h-full place-items-center text-sm text-slate-400">Loading canvas…</div>;
  }
  return <Canvas />;
}

function Canvas() {
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, isValidConnection, snapToGrid } = useEditorStore(useShallow(selector));
  const store = useEditorStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const [start] = useState(() => initialView(store.getState().nodes, canvasSize()));
  const large = nodes.length > LARGE_GRAPH;
  // React Flow's zoom reads 1 until its view is set up (an effect after the first render): until then take the zoom the view
  // opens at, so a large graph's first render is already the overview, not a few full cards drawn, measured and dropped.
  const detailSelector = useCallback((state: ReactFlowState) => detailLevelAt(state.panZoom ? state.transform[2] : start.viewport.zoom), [start]);
  const detail = useStore(detailSelector);
  // Read-only: selecting (to inspect) still works; moving, connecting and dropping do not.
  const readOnly = useEditorReadOnly();
  // Targets for a revise edge show only while one is being drawn (canvas.css).
  const connectingRevise = useConnection(drawingRevise);
  // A large graph's compact cards are box-sized and go the overview's way too: otherwise zooming in past the boxes
  // would mount, measure and connect hundreds of cards with their handles and edges, more with every frame zooming out.
  const overview = detail === "box" || (large && detail === "compact");
  // The overview's nodes go without React Flow's per-node transform and are not measured (see overview-nodes).
  const flowNodes = overview ? overviewNodes(nodes) : nodes;
  // In the overview a drag moves the boxes' elements, not the nodes array (see overview-drag).
  const overviewEdges = useRef<OverviewEdgesHandle>(null);
  const onOverviewPointerDown = useOverviewDrag(overviewEdges, GRID);
  // Boxes have no handles; when the cards come back React Flow must measure theirs before it can draw edges.
  const updateNodeInternals = useUpdateNodeInternals();
  const wasOverview = useRef(overview);
  useEffect(() => {
    if (wasOverview.current && !overview) updateNodeInternals(store.getState().nodes.map((node) => node.id));
    wasOverview.current = overview;
  }, [overview, store, updateNodeInternals]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(ROLE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const role = event.dataTransfer.getData(ROLE_MIME);
      if (!isRole(role) || readOnly) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Drop the node with its header under the pointer.
      let position = { x: point.x - DEFAULT_NODE_SIZE.width / 2, y: point.y - 24 };
      if (store.getState().snapToGrid) position = { x: Math.round(position.x / GRID) * GRID, y: Math.round(position.y / GRID) * GRID };
      store.getState().addNode(role, position);
    },
    [screenToFlowPosition, store, readOnly],
  );

  // React Flow refuses invalid drops silently; say why.
  const onConnectEnd: OnConnectEnd = useCallback(
    (_event, connection) => {
      if (connection.isValid !== false || !connection.fromNode || !connection.toNode) return;
      const fromSource = connection.fromHandle?.type === "source";
      const source = fromSource ? connection.fromNode.id : connection.toNode.id;
      const target = fromSource ? connection.toNode.id : connection.fromNode.id;
      const sourceHandle = fromSource ? connection.fromHandle?.id : connection.toHandle?.id;
      store.getState().reportRefusedConnection(source, target, edgeKindFromHandle(sourceHandle));
    },
    [store],
  );

  return (
    <div
      className="tf-canvas h-full w-full"
      data-connecting={connectingRevise ? "revise" : undefined}
      data-detail={detail}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onPointerDown={overview && !readOnly ? onOverviewPointerDown : undefined}
    >
      <DetailLevelContext value={detail}>
      <OverviewContext value={overview}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={flowNodes}
        edges={overview ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={readOnly ? undefined : onConnect}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        defaultViewport={start.viewport}
        onlyRenderVisibleElements={large && !overview}
        minZoom={start.minZoom}
        maxZoom={MAX_ZOOM}
        colorMode="light"
        aria-label="Graph canvas"
      >
        {overview && <OverviewEdgesLayer ref={overviewEdges} nodes={flowNodes} edges={edges} />}
        {/* Far out the grid's dots would be under a pixel apart: a grey haze costing a repaint of the whole pane every frame. */}
        {!overview && <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} color="#cbd5e1" />}
        {/* The overview of a large graph is its own map; a second one would redraw every node on each frame. */}
        {!(large && overview) && <MiniMap pannable zoomable nodeColor={miniMapColor} nodeBorderRadius={6} ariaLabel="Minimap" />}
        <Controls aria-label="Zoom controls" />
      </ReactFlow>
      </OverviewContext>
      </DetailLevelContext>
    </div>
  );
}
