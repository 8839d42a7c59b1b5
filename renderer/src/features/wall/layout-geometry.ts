// Geometry of a cell layout: where a cell sits in the CSS grid, and which cell an arrow key moves to when cells have
// different sizes (merged layouts).
import type { CellRect, WallShape } from './layout-presets';

export type Direction = 'left' | 'right' | 'up' | 'down';

/** CSS grid placement of one cell (grid lines are 1-based). */
export function cellGridStyle(cell: CellRect): { gridColumn: string; gridRow: string } {
  return { gridColumn: `${cell.x + 1} / span ${cell.w}`, gridRow: `${cell.y + 1} / span ${cell.h}` };
}

export function gridTemplate(shape: Pick<WallShape, 'cols' | 'rows'>): { gridTemplateColumns: string; gridTemplateRows: string } {
  return { gridTemplateColumns: `repeat(${shape.cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${shape.rows}, minmax(0, 1fr))` };
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * The cell an arrow key moves to: among the cells lying entirely on that side and sharing some of the row (or
 * column) band of the current cell, the nearest; ties go to the one sharing the most, then the top/left-most.
 * Returns the current index when there is nothing that way (no wrap-around).
 */
export function neighbourCell(cells: readonly CellRect[], index: number, dir: Direction): number {
  const cur = cells[index];
  if (!cur) return cells.length > 0 ? 0 : index;
  let best = index;
  let bestKey: [number, number, number] | null = null;
  cells.forEach((c, i) => {
    if (i === index) return;
    let distance: number;
    let shared: number;
    if (dir === 'left' || dir === 'right') {
      distance = dir === 'right' ? c.x - (cur.x + cur.w) : cur.x - (c.x + c.w);
      shared = overlap(cur.y, cur.y + cur.h, c.y, c.y + c.h);
    } else {
      distance = dir === 'down' ? c.y - (cur.y + cur.h) : cur.y - (c.y + c.h);
      shared = overlap(cur.x, cur.x + cur.w, c.x, c.x + c.w);
    }
    if (distance < 0 || shared === 0) return;
    const order = dir === 'left' || dir === 'right' ? c.y : c.x;
    const key: [number, number, number] = [distance, -shared, order];
    if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
      bestKey = key;
      best = i;
    }
  });
  return best;
}
