/** A live node card's size, with its pool row and preview: taller than the editor's, so layouts get spread to fit. */
export const CARD = { width: 250, height: 170, gapX: 70, gapY: 30 };

/**
 * The graph's positions stretched just enough that live cards do not overlap: nodes in the
 * same column move apart vertically, nodes in the same row horizontally.
 */
export function spreadPositions(positions: readonly { x: number; y: number }[]): { x: number; y: number }[] {
  let scaleX = 1;
  let scaleY = 1;
  for (let i = 0; i < positions.length; i++) {
    for (let j = i + 1; j < positions.length; j++) {
      const dx = Math.abs(positions[i].x - positions[j].x);
      const dy = Math.abs(positions[i].y - positions[j].y);
      if (dx < CARD.width && dy > 0) scaleY = Math.max(scaleY, (CARD.height + CARD.gapY) / dy);
      if (dy < CARD.height && dx > 0) scaleX = Math.max(scaleX, (CARD.width + CARD.gapX) / dx);
    }
  }
  // Very close neighbours would blow the layout up; past this the viewer pans instead.
  scaleX = Math.min(scaleX, 4);
  scaleY = Math.min(scaleY, 4);
  return positions.map((p) => ({ x: p.x * scaleX, y: p.y * scaleY }));
}
