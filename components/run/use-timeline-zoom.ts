"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

export const MAX_ZOOM = 64;
const STEP = 2;
const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(1, zoom));

/**
 * Zoom and pan for the timeline's scroll viewport, whose first `labelWidth` pixels are the
 * sticky label column. Zoom 1 fits the whole run into the visible track; zooming keeps the
 * moment under the pointer (or the middle) in place. Pan: scroll, drag, or the arrow keys;
 * zoom: the buttons, ctrl/⌘ + wheel (and trackpad pinch), or +, − and 0 on the focused chart.
 */
export function useTimelineZoom(labelWidth: number) {
  const viewport = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  /** Width of the visible track (the viewport less the label column), in px. */
  const [width, setWidth] = useState(0);
  // The moment to keep in place, as a fraction of the track, and where it sits in the view.
  const anchor = useRef<{ fraction: number; x: number } | null>(null);
  // What the wheel listener and `zoomTo` read: the last rendered zoom and width.
  const state = useRef({ zoom, width });
  useLayoutEffect(() => {
    state.current = { zoom, width };
  }, [zoom, width]);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(0, el.clientWidth - labelWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [labelWidth]);

  const zoomTo = useCallback((next: number, x?: number) => {
    const el = viewport.current;
    const { zoom: current, width: visible } = state.current;
    const target = clampZoom(next);
    if (!el || visible === 0 || target === current) return;
    const at = Math.min(visible, Math.max(0, x ?? visible / 2));
    anchor.current = { fraction: (el.scrollLeft + at) / (visible * current), x: at };
    setZoom(target);
  }, []);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || !anchor.current) return;
    el.scrollLeft = anchor.current.fraction * width * zoom - anchor.current.x;
    anchor.current = null;
  }, [zoom, width]);

  // React's wheel listeners are passive: only a native one may stop the page zooming instead.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const x = event.clientX - el.getBoundingClientRect().left - labelWidth;
      zoomTo(state.current.zoom * Math.exp(-event.deltaY * 0.005), x);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [labelWidth, zoomTo]);

  const drag = useRef<{ x: number; scrollLeft: number; id: number } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || event.pointerType !== "mouse" || (event.target as Element).closest("button, a, input")) return;
    drag.current = { x: event.clientX, scrollLeft: event.currentTarget.scrollLeft, id: event.pointerId };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.id !== event.pointerId) return;
    event.currentTarget.scrollLeft = drag.current.scrollLeft - (event.clientX - drag.current.x);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.id !== event.pointerId) return;
    drag.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const el = event.currentTarget;
    const pan = (dx: number) => el.scrollTo({ left: el.scrollLeft + dx });
    const actions: Record<string, () => void> = {
      "+": () => zoomTo(zoom * STEP),
      "=": () => zoomTo(zoom * STEP),
      "-": () => zoomTo(zoom / STEP),
      "0": () => zoomTo(1),
      ArrowLeft: () => pan(-width / 8),
      ArrowRight: () => pan(width / 8),
      Home: () => pan(-el.scrollWidth),
      End: () => pan(el.scrollWidth),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return {
    viewport,
    zoom,
    /** Width of the whole track at this zoom, in px (0 until measured). */
    trackWidth: width * zoom,
    zoomIn: () => zoomTo(zoom * STEP),
    zoomOut: () => zoomTo(zoom / STEP),
    fit: () => zoomTo(1),
    viewportProps: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onKeyDown },
  };
}
