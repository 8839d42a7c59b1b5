// The layouts an operator picks from: square grids 1/4/9/16/25/36 and the usual merged ones of a command hall
// ("1+5": one big picture and five small ones). A shape is cols × rows plus cells; cell i shows slot i, cells are in
// reading order with the big cells first, which is also the order a tour fills them.

export interface CellRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface WallShape {
  cols: number;
  rows: number;
  cells: readonly CellRect[];
}

export const MAX_SIDE = 6;
/** Slots kept per wall: the most cells a layout can have (6 × 6). */
export const MAX_SLOTS = MAX_SIDE * MAX_SIDE;

/** The square grids of the layout buttons (Alt+1 … Alt+6). */
export const SQUARE_GRIDS = [1, 4, 9, 16, 25, 36] as const;
export type GridSize = (typeof SQUARE_GRIDS)[number];

export const MERGED_PRESETS = ['1+5', '1+7', '2+8', '1+12'] as const;
export type MergedPreset = (typeof MERGED_PRESETS)[number];
export type PresetName = `${GridSize}` | MergedPreset;
export const PRESET_NAMES: readonly PresetName[] = [...SQUARE_GRIDS.map((n) => `${n}` as const), ...MERGED_PRESETS];

export function isGridSize(value: unknown): value is GridSize {
  return typeof value === 'number' && (SQUARE_GRIDS as readonly number[]).includes(value);
}

export function isPresetName(value: unknown): value is PresetName {
  return typeof value === 'string' && (PRESET_NAMES as readonly string[]).includes(value);
}

/** n × n cells of 1 × 1, row by row. */
export function squareShape(side: number): WallShape {
  const cells: CellRect[] = [];
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) cells.push({ x, y, w: 1, h: 1 });
  return { cols: side, rows: side, cells };
}

/** A side × side grid with the given big cells; every other position becomes a 1 × 1 cell, in reading order. */
function merged(side: number, big: readonly CellRect[]): WallShape {
  const covered = (x: number, y: number) => big.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
  const small: CellRect[] = [];
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) if (!covered(x, y)) small.push({ x, y, w: 1, h: 1 });
  return { cols: side, rows: side, cells: [...big, ...small] };
}

export function presetShape(name: PresetName): WallShape {
  switch (name) {
    case '1+5':
      return merged(3, [{ x: 0, y: 0, w: 2, h: 2 }]);
    case '1+7':
      return merged(4, [{ x: 0, y: 0, w: 3, h: 3 }]);
    case '2+8':
      return merged(4, [
        { x: 0, y: 0, w: 2, h: 2 },
        { x: 2, y: 0, w: 2, h: 2 },
      ]);
    case '1+12':
      return merged(4, [{ x: 1, y: 1, w: 2, h: 2 }]);
    default:
      return squareShape(Math.sqrt(Number(name)));
  }
}

export function sameShape(a: WallShape, b: WallShape): boolean {
  return (
    a.cols === b.cols &&
    a.rows === b.rows &&
    a.cells.length === b.cells.length &&
    a.cells.every((c, i) => {
      const d = b.cells[i]!;
      return c.x === d.x && c.y === d.y && c.w === d.w && c.h === d.h;
    })
  );
}

/** Which preset a shape is (cell order included), or null for a custom layout. */
export function presetOf(shape: WallShape): PresetName | null {
  return PRESET_NAMES.find((name) => sameShape(presetShape(name), shape)) ?? null;
}

/**
 * Whether a shape can be shown: 1–6 columns and rows, at least one cell, cells inside the grid, no overlaps.
 * (The gateway checks the same; a layout that fails here is never rendered half-way.)
 */
export function isValidShape(shape: WallShape): boolean {
  const { cols, rows, cells } = shape;
  const side = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_SIDE;
  if (!side(cols) || !side(rows) || cells.length < 1 || cells.length > MAX_SLOTS) return false;
  const taken = new Set<number>();
  for (const c of cells) {
    if (![c.x, c.y, c.w, c.h].every(Number.isInteger) || c.x < 0 || c.y < 0 || c.w < 1 || c.h < 1 || c.x + c.w > cols || c.y + c.h > rows) return false;
    for (let x = c.x; x < c.x + c.w; x++)
      for (let y = c.y; y < c.y + c.h; y++) {
        if (taken.has(y * MAX_SIDE + x)) return false;
        taken.add(y * MAX_SIDE + x);
      }
  }
  return true;
}
