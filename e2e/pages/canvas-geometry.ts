import type { Locator } from "@playwright/test";

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where an edge's drawn path starts and ends, in page pixels (what a reader sees, arrowhead at the end). */
export async function pathEnds(edge: Locator): Promise<{ start: Point; end: Point }> {
  return edge
    .locator("path.react-flow__edge-path")
    .first()
    .evaluate((path: SVGPathElement) => {
      const matrix = path.getScreenCTM()!;
      const toPage = (p: DOMPoint) => ({ x: matrix.a * p.x + matrix.c * p.y + matrix.e, y: matrix.b * p.x + matrix.d * p.y + matrix.f });
      return { start: toPage(path.getPointAtLength(0)), end: toPage(path.getPointAtLength(path.getTotalLength())) };
    });
}

export async function rectOf(locator: Locator): Promise<Rect> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("Element is not visible");
  return box;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}

/** How far a point is from a rectangle's border (0 on it). */
export function distanceToBorder(point: Point, rect: Rect): number {
  const dx = Math.max(rect.x - point.x, 0, point.x - (rect.x + rect.width));
  const dy = Math.max(rect.y - point.y, 0, point.y - (rect.y + rect.height));
  const outside = Math.hypot(dx, dy);
  if (outside > 0) return outside;
  return Math.min(point.x - rect.x, rect.x + rect.width - point.x, point.y - rect.y, rect.y + rect.height - point.y);
}
