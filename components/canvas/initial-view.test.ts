import { describe, expect, it } from "vitest";
import { DEFAULT_NODE_SIZE } from "@/lib/stores/editor";
import { initialView, MIN_ZOOM } from "./initial-view";

const CANVAS = { width: 832, height: 800 };

/** `count` nodes on a grid of 300 × 150 px cells, `columns` wide. */
const grid = (count: number, columns: number) => Array.from({ length: count }, (_, index) => ({ position: { x: (index % columns) * 300, y: Math.floor(index / columns) * 150 } }));

describe("initialView", () => {
  it("opens a 2,000-node graph with every node on screen, and lets the zoom go that far out", () => {
    const nodes = grid(2000, 50);
    const { viewport, minZoom } = initialView(nodes, CANVAS);
    expect(minZoom).toBeLessThanOrEqual(viewport.zoom);
    for (const { position } of nodes) {
      const left = viewport.x + position.x * viewport.zoom;
      const top = viewport.y + position.y * viewport.zoom;
      expect(left).toBeGreaterThanOrEqual(0);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(left + DEFAULT_NODE_SIZE.width * viewport.zoom).toBeLessThanOrEqual(CANVAS.width);
      expect(top + DEFAULT_NODE_SIZE.height * viewport.zoom).toBeLessThanOrEqual(CANVAS.height);
    }
  });

  it("fits a small graph at no more than full size, with the usual zoom limit", () => {
    const { viewport, minZoom } = initialView(grid(2, 2), CANVAS);
    expect(viewport.zoom).toBe(1);
    expect(minZoom).toBe(MIN_ZOOM);
  });
});
