import type { Page } from "@playwright/test";

/** Percentile of a sorted-on-demand sample (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Waits until at least `count` nodes are in the DOM and every node there has been measured
 * (React Flow keeps a node hidden until then); returns ms since navigation started.
 */
export async function waitForCanvas(page: Page, count: number): Promise<number> {
  await page.waitForFunction(
    (expected) => {
      const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
      if (nodes.length < expected) return false;
      for (const node of nodes) if (node.style.visibility === "hidden") return false;
      return true;
    },
    count,
    { polling: "raf", timeout: 120_000 },
  );
  return page.evaluate(() => performance.now());
}

/**
 * Drags from `from` inside the page: one mouse move per animation frame, dispatched at the
 * start of the frame, so each requestAnimationFrame delta is the cost of one drag step
 * (React, React Flow, style, layout, paint) and not the round trip of a remote-controlled
 * mouse. Moves go back and forth every 20 steps so the drag stays on screen. Returns the
 * deltas in ms and, when the drag started on a node, its id and how far (in screen px) it got
 * from where it started at the turning points: the proof the drag moved it.
 */
export interface DragResult {
  /** The frames after the first move, each a rAF delta. */
  frames: number[];
  /** The frame of the press and the first move, where a drag picks its nodes up: not in `frames`. */
  pickUp: number;
  node: string | null;
  moved: number;
}

export async function dragFrames(page: Page, from: { x: number; y: number }, delta: { x: number; y: number }, steps: number): Promise<DragResult> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  const script = `(async ({ x, y, dx, dy, steps }) => {
    const init = (clientX, clientY, buttons) => ({ bubbles: true, cancelable: true, composed: true, view: window, clientX, clientY, screenX: clientX, screenY: clientY, button: 0, buttons });
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const target = document.elementFromPoint(x, y);
    const node = target.closest(".react-flow__node");
    const at = () => (node ? node.getBoundingClientRect() : null);
    const origin = at();
    let moved = 0;
    const times = [await frame()];
    target.dispatchEvent(new PointerEvent("pointerdown", { ...init(x, y, 1), pointerId: 1, isPrimary: true }));
    target.dispatchEvent(new MouseEvent("mousedown", init(x, y, 1)));
    let cx = x;
    let cy = y;
    for (let step = 1; step <= steps; step++) {
      const direction = Math.floor((step - 1) / 20) % 2 === 0 ? 1 : -1;
      cx += dx * direction;
      cy += dy * direction;
      window.dispatchEvent(new PointerEvent("pointermove", { ...init(cx, cy, 1), pointerId: 1, isPrimary: true }));
      window.dispatchEvent(new MouseEvent("mousemove", init(cx, cy, 1)));
      times.push(await frame());
      const box = step % 20 === 0 ? at() : null;
      if (box && origin) moved = Math.max(moved, Math.hypot(box.left - origin.left, box.top - origin.top));
    }
    window.dispatchEvent(new PointerEvent("pointerup", { ...init(cx, cy, 0), pointerId: 1, isPrimary: true }));
    window.dispatchEvent(new MouseEvent("mouseup", init(cx, cy, 0)));
    return { frames: times.slice(2).map((time, index) => time - times[index + 1]), pickUp: times[1] - times[0], node: node ? node.dataset.id : null, moved };
  })(${JSON.stringify({ x: from.x, y: from.y, dx: delta.x, dy: delta.y, steps })})`;
  return (await page.evaluate(script)) as DragResult;
}

/** The centre of the node nearest the middle of the canvas, to grab it by (at an overview zoom a card is a few pixels high). */
export async function nodeNearCentre(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    const centre = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
    let best: { x: number; y: number; distance: number } | null = null;
    for (const node of document.querySelectorAll(".react-flow__node")) {
      const box = node.getBoundingClientRect();
      const point = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      if (point.x < pane.left || point.x > pane.right || point.y < pane.top || point.y > pane.bottom) continue;
      const distance = Math.hypot(point.x - centre.x, point.y - centre.y);
      if (!best || distance < best.distance) best = { ...point, distance };
    }
    if (!best) throw new Error("No node on screen");
    return { x: best.x, y: best.y };
  });
}

/** A point on the empty pane (for panning): a corner of the canvas away from the minimap and controls. */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    for (const [fx, fy] of [
      [0.5, 0.04],
      [0.08, 0.3],
      [0.92, 0.3],
      [0.5, 0.5],
    ]) {
      const point = { x: pane.left + pane.width * fx, y: pane.top + pane.height * fy };
      const hit = document.elementFromPoint(point.x, point.y);
      if (hit?.classList.contains("react-flow__pane")) return point;
    }
    throw new Error("No empty spot on the pane");
  });
}

/**
 * Wheel zoom over the pane's centre, one wheel event per frame: in for `steps / 2` frames,
 * then back out. Returns the rAF deltas in ms and the zoom range it went through.
 */
export async function zoomFrames(page: Page, steps: number): Promise<{ frames: number[]; zooms: [number, number] }> {
  const script = `(async ({ steps }) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const pane = document.querySelector(".react-flow__pane");
    const box = pane.getBoundingClientRect();
    const viewport = document.querySelector(".react-flow__viewport");
    const zoom = () => new DOMMatrix(getComputedStyle(viewport).transform).a;
    const zooms = [zoom(), zoom()];
    const times = [await frame()];
    for (let step = 0; step < steps; step++) {
      const deltaY = step < steps / 2 ? -25 : 25;
      pane.dispatchEvent(new WheelEvent("wheel", { bubbles: true, cancelable: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, deltaY, deltaMode: 0 }));
      times.push(await frame());
      const now = zoom();
      zooms[0] = Math.min(zooms[0], now);
      zooms[1] = Math.max(zooms[1], now);
    }
    return { frames: times.slice(2).map((time, index) => time - times[index + 1]), zooms };
  })(${JSON.stringify({ steps })})`;
  return (await page.evaluate(script)) as { frames: number[]; zooms: [number, number] };
}

/** How many nodes are rendered, and how many of them lie wholly inside the canvas. */
export async function nodesInView(page: Page): Promise<{ rendered: number; inside: number; zoom: number }> {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    const nodes = document.querySelectorAll(".react-flow__node");
    let inside = 0;
    for (const node of nodes) {
      const box = node.getBoundingClientRect();
      if (box.left >= pane.left && box.right <= pane.right && box.top >= pane.top && box.bottom <= pane.bottom && box.width > 0) inside++;
    }
    const viewport = document.querySelector(".react-flow__viewport")!;
    return { rendered: nodes.length, inside, zoom: new DOMMatrix(getComputedStyle(viewport).transform).a };
  });
}
