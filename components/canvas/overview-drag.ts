"use client";

import { useStoreApi, type XYPosition } from "@xyflow/react";
import { useCallback, type PointerEvent as ReactPointerEvent, type RefObject } from "react";
import { useEditorStoreApi } from "@/lib/stores/editor";
import type { OverviewEdgesHandle } from "./edges/overview-edges-layer";

/** Screen pixels a press travels before it is a drag, as React Flow's default `nodeDragThreshold`. */
const DRAG_THRESHOLD = 1;

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
 * and dragged alone, a selected one carries the whole selection, positions snap to the grid, and
 * the click that ends a drag selects nothing else.
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
      let carried: Carried[] | null = null;

      const pickUp = (): Carried[] => {
        const state = editor.getState();
        const node = state.nodes.find((candidate) => candidate.id === id);
        if (!node) return [];
        if (!node.selected) state.selectNodes([id]);
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

      const onMove = (move: PointerEvent) => {
        if (!carried) {
          if (Math.hypot(move.clientX - start.x, move.clientY - start.y) < DRAG_THRESHOLD) return;
          carried = pickUp();
        }
        const zoom = flow.getState().transform[2];
        const snap = editor.getState().snapToGrid;
        const offsets = new Map<string, XYPosition>();
        for (const item of carried) {
          let x = item.origin.x + (move.clientX - start.x) / zoom;
          let y = item.origin.y + (move.clientY - start.y) / zoom;
          if (snap) [x, y] = [Math.round(x / grid) * grid, Math.round(y / grid) * grid];
          item.position = { x, y };
          const offset = { x: x - item.origin.x, y: y - item.origin.y };
          offsets.set(item.id, offset);
          item.given = `translate(${offset.x}px, ${offset.y}px)`;
          item.element.style.transform = item.given;
        }
        edgesLayer.current?.follow(offsets);
      };

      const finish = (drop: boolean) => {
        window.removeEventListener("pointermove", onMove);
        window.removeEventListener("pointerup", onUp);
        window.removeEventListener("pointercancel", onCancel);
        if (!carried) return;
        // The same task as the store change below, so no frame shows a node back where it started.
        for (const { element, before, given } of carried) {
          // Unless the canvas has left the overview meanwhile and React Flow placed the node its own way.
          if (element.style.transform === given) element.style.transform = before.transform;
          element.style.willChange = before.willChange;
        }
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

/** The click a drag ends with would land on the pane (and clear the selection) or on another node: drop it. */
function swallowNextClick() {
  const swallow = (click: MouseEvent) => {
    click.stopPropagation();
    click.preventDefault();
  };
  window.addEventListener("click", swallow, { capture: true, once: true });
  setTimeout(() => window.removeEventListener("click", swallow, { capture: true }), 0);
}
