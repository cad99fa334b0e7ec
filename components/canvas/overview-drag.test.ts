import { describe, expect, it } from "vitest";
import { autoPan } from "./overview-drag";

describe("auto-pan while dragging in the overview", () => {
  it("is still away from the edges, and speeds up towards full speed at an edge, panning towards the side the pointer is on", () => {
    expect(autoPan(500, 1000)).toBe(0);
    expect(autoPan(40, 1000)).toBe(0);
    expect(autoPan(960, 1000)).toBe(0);
    // Near the left (or top) edge the content moves right, showing what is beyond it; near the right it moves left.
    expect(autoPan(30, 1000)).toBeCloseTo(0.25);
    expect(autoPan(0, 1000)).toBe(1);
    expect(autoPan(970, 1000)).toBeCloseTo(-0.25);
    expect(autoPan(1000, 1000)).toBe(-1);
    // Past the edge (the pointer left the canvas) it stays at full speed.
    expect(autoPan(-50, 1000)).toBe(1);
    expect(autoPan(1080, 1000)).toBe(-1);
  });
});
