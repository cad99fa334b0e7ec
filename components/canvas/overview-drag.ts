"use client";

import { useStoreApi, type XYPosition } from "@xyflow/react";
import { useCallback, type PointerEvent as ReactPointerEvent, type RefObject } from "react";
import { useEditorStoreApi } from "@/lib/stores/editor";
import type { OverviewEdgesHandle } from "./edges/overview-edges-layer";

/** Screen pixels a press travels before it is a drag, as React Flow's default `nodeDragThreshold`. */
const DRAG_THRESHOLD = 1;

/** Within this many pixels of the canvas's edge a drag pans the canvas, as React Flow's does (`autoPanSpeed` sets how fast). */
const AUTO_PAN_EDGE = 40;

/** The class that keeps React Flow's own drag off an overview card (React Flow's default `noDragClassName`). */
export const NO_FLOW_DRAG = "nodrag";

interface Carried {
  id: string;
  element: HTMLElement;
  origin: XYPosition;
  position: XYPosition;
  /** The element's own transform and will-change before the drag, and the transform the drag last gave it. */
  before: { transform: string; willChange: string };
  given: string;
}

/**
 * Dragging nodes in the overview, where every node of a large graph is on screen. React Flow's
 * drag sends each frame's position through the store: a new nodes array, adopted by React Flow
 * and reconciled node by node, which at 2,000 nodes is most of the frame. Here a drag moves the
 * carried nodes' elements by a transform and has the edges layer redraw only their edges, then
 * puts the nodes where they were dropped in one store change (one undo step). It does what React
 * Flow's does otherwise: a press that travels a pixel starts it, an unselected node is selected
 * and dragged alone, a selected one carries the whole selection, positions snap to the grid, the
 * canvas pans while the pointer is near its edge, and the click that ends a drag selects nothing else.
 */
export function useOverviewDrag(edgesLayer: RefObject<OverviewEdgesHandle | null>, grid: number) {
  const flow = useStoreApi();
  const editor = useEditorStoreApi();

  return useCallback(
    (event: ReactPointerEvent<HTMLElement>) => {
      if (event.button !== 0 || !event.isPrimary) return;
      const root = event.currentTarget;
      const grabbed = (event.target as Element).closest<HTMLElement>(".react-flow__node");
      const id = grabbed?.dataset.id;
      if (!grabbed || !id || !root.contains(grabbed)) return;
      const start = { x: event.clientX, y: event.clientY };
      // Where the viewport was at the press: auto-pan moves it under the carried nodes.
      const [startX, startY] = flow.getState().transform;
      let pointer = start;
      let carried: Carried[] | null = null;
      // Measured at the press, while the layout is clean: read after the pick-up has selected the box,
      // it would force the layout of that change into the pick-up's frame. The panels beside the
      // canvas keep their width whatever is selected, so the canvas does not move meanwhile.
      const bounds = flow.getState().domNode?.getBoundingClientRect() ?? null;
      let frame: number | null = null;
      // The viewport's own layer (canvas.css) is off while a drag moves boxes inside it: with it on,
      // Chromium rebuilds that layer's whole picture from all 2,000 boxes for every moved box, about
      // 4 ms a frame (measured). Panning a frame meanwhile (auto-pan) repaints instead, a rarer cost.
      const viewport = root.querySelector<HTMLElement>(".react-flow__viewport");
      const viewportWillChange = viewport?.style.willChange ?? "";

      const pickUp = (): Carried[] => {
        const state = editor.getState();
        const node = state.nodes.find((candidate) => candidate.id === id);
        if (!node) return [];
        if (!node.selected) state.selectNodes([id]);
        if (viewport) viewport.style.willChange = "auto";
        const ids = new Set(node.selected ? state.selectedNodeIds : [id]);
        return state.nodes.flatMap((candidate) => {
          const element = ids.has(candidate.id) ? root.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(candidate.id)}"]`) : null;
          if (!element) return [];
          const before = { transform: element.style.transform, willChange: element.style.willChange };
          // Its own compositor layer while carried: moving it then repaints nothing (all the boxes share one layer).
          element.style.willChange = "transform";
          return [{ id: candidate.id, element, origin: candidate.position, position: candidate.position, before, given: before.transform }];
        });
      };

      /** The pan step for where the pointer is: zero unless it is near the canvas's edge. */
      const panStep = (): XYPosition => {
        if (!bounds) return { x: 0, y: 0 };
        const speed = flow.getState().autoPanSpeed;
        return { x: autoPan(pointer.x - bounds.left, bounds.width) * speed, y: autoPan(pointer.y - bounds.top, bounds.height) * speed };
      };
      const nearEdge = (step: XYPosition) => step.x !== 0 || step.y !== 0;

      /** Puts the carried nodes under the pointer. */
      const place = (carried: Carried[]) => {
        const [panX, panY, zoom] = flow.getState().transform;
        const snap = editor.getState().snapToGrid;
        const offsets = new Map<string, XYPosition>();
        for (const item of carried) {
          let x = item.origin.x + (pointer.x - start.x - (panX - startX)) / zoom;
          let y = item.origin.y + (pointer.y - start.y - (panY - startY)) / zoom;
          if (snap) [x, y] = [Math.round(x / grid) * grid, Math.round(y / grid) * grid];
          item.position = { x, y };
          const offset = { x: x - item.origin.x, y: y - item.origin.y };
          offsets.set(item.id, offset);
          item.given = `translate(${offset.x}px, ${offset.y}px)`;
          item.element.style.transform = item.given;
        }
        edgesLayer.current?.follow(offsets);
      };

      // While the pointer stays near the edge: a pan step each frame, the carried nodes kept under it.
      const autoPanFrame = () => {
        const step = panStep();
        frame = null;
        if (!carried || !nearEdge(step)) return;
        void flow.getState().panBy(step);
        place(carried);
        frame = requestAnimationFrame(autoPanFrame);
      };

      const onMove = (move: PointerEvent) => {
        pointer = { x: move.clientX, y: move.clientY };
        if (!carried) {
          if (Math.hypot(pointer.x - start.x, pointer.y - start.y) < DRAG_THRESHOLD) return;
          carried = pickUp();
        }
        place(carried);
        if (nearEdge(panStep())) frame ??= requestAnimationFrame(autoPanFrame);
      };

      const finish = (drop: boolean) => {
        window.removeEventListener("pointermove", onMove);
        window.removeEventListener("pointerup", onUp);
        window.removeEventListener("pointercancel", onCancel);
        if (frame !== null) cancelAnimationFrame(frame);
        if (!carried) return;
        // The same task as the store change below, so no frame shows a node back where it started.
        for (const { element, before, given } of carried) {
          // Unless the canvas has left the overview meanwhile and React Flow placed the node its own way.
          if (element.style.transform === given) element.style.transform = before.transform;
          element.style.willChange = before.willChange;
        }
        if (viewport) viewport.style.willChange = viewportWillChange;
        edgesLayer.current?.follow(null);
        const moves = carried.filter(({ position, origin }) => position.x !== origin.x || position.y !== origin.y).map(({ id, position }) => ({ id, position }));
        if (drop) editor.getState().moveNodes(moves);
        if (moves.length > 0) swallowNextClick();
      };
      const onUp = () => finish(true);
      const onCancel = () => finish(false);
      window.addEventListener("pointermove", onMove);
      window.addEventListener("pointerup", onUp);
      window.addEventListener("pointercancel", onCancel);
    },
    [edgesLayer, editor, flow, grid],
  );
}

/**
 * How fast to pan along one axis, from -1 to 1, for a pointer at `at` in a canvas `size` pixels
 * long: zero away from the edges, growing to full speed at the edge (React Flow's `calcAutoPan`).
 */
export function autoPan(at: number, size: number): number {
  const toEdge = (distance: number) => Math.min(Math.max(AUTO_PAN_EDGE - distance, 1), AUTO_PAN_EDGE) / AUTO_PAN_EDGE;
  if (at < AUTO_PAN_EDGE) return toEdge(at);
  if (at > size - AUTO_PAN_EDGE) return -toEdge(size - at);
  return 0;
}

/** The click a drag ends with would land on the pane (and clear the selection) or on another node: drop it. */
function swallowNextClick() {
  const swallow = (click: MouseEvent) => {
    click.stopPropagation();
    click.preventDefault();
  };
  window.addEventListener("click", swallow, { capture: true, once: true });
  setTimeout(() => window.removeEventListener("click", swallow, { capture: true }), 0);
}
