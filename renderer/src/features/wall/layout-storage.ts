// The working wall layout survives a reload: shape, cameras and the named layout it belongs to, in localStorage.
// v1 (grid 1/4/9/16 + 16 slots) is still read, so an upgrade keeps what the operator had on the wall.
import { isGridSize, isValidShape, presetShape, type WallShape } from './layout-presets';
import { emptyLayout, normaliseTiles, type LayoutDoc, type WallLayout } from './wall-layout';

export const LAYOUT_STORAGE_KEY = 'cvc.wall.layout.v2';
export const LEGACY_LAYOUT_STORAGE_KEY = 'cvc.wall.layout.v1';

export interface StoredWall {
  layout: WallLayout;
  doc: LayoutDoc | null;
}

const EMPTY = (): StoredWall => ({ layout: emptyLayout(), doc: null });

function readJson(raw: string | null | undefined): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const data: unknown = JSON.parse(raw);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function readDoc(value: unknown): LayoutDoc | null {
  if (typeof value !== 'object' || value === null) return null;
  const d = value as Record<string, unknown>;
  const str = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 256;
  if (!str(d.id) || !str(d.name) || !str(d.ownerId) || typeof d.savedFingerprint !== 'string') return null;
  return { id: d.id as string, name: d.name as string, ownerId: d.ownerId as string, visibility: d.visibility === 'everyone' ? 'everyone' : 'private', savedFingerprint: d.savedFingerprint };
}

export function parseStoredWall(raw: string | null | undefined): StoredWall {
  const data = readJson(raw);
  if (!data) return EMPTY();
  const cells = Array.isArray(data.cells) ? (data.cells as unknown[]) : [];
  const shape: WallShape = {
    cols: Number(data.cols),
    rows: Number(data.rows),
    cells: cells.map((c) => {
      const r = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
      return { x: Number(r.x), y: Number(r.y), w: Number(r.w), h: Number(r.h) };
    }),
  };
  if (!isValidShape(shape)) return EMPTY();
  return { layout: { shape, tiles: normaliseTiles(Array.isArray(data.tiles) ? data.tiles : []) }, doc: readDoc(data.doc) };
}

/** The v1 format: `{ grid: 1|4|9|16, tiles: [16 ids] }`. */
export function parseLegacyLayout(raw: string | null | undefined): StoredWall | null {
  const data = readJson(raw);
  if (!data) return null;
  const grid = isGridSize(data.grid) ? data.grid : 4;
  return { layout: { shape: presetShape(`${grid}`), tiles: normaliseTiles(Array.isArray(data.tiles) ? data.tiles : []) }, doc: null };
}

export function serializeStoredWall(wall: StoredWall): string {
  const { shape, tiles } = wall.layout;
  return JSON.stringify({ cols: shape.cols, rows: shape.rows, cells: shape.cells, tiles, doc: wall.doc });
}

export function loadStoredWall(storage: Pick<Storage, 'getItem'> | null): StoredWall {
  try {
    const raw = storage?.getItem(LAYOUT_STORAGE_KEY);
    if (raw) return parseStoredWall(raw);
    return parseLegacyLayout(storage?.getItem(LEGACY_LAYOUT_STORAGE_KEY)) ?? EMPTY();
  } catch {
    return EMPTY();
  }
}

export function saveStoredWall(storage: Pick<Storage, 'setItem'> | null, wall: StoredWall): void {
  try {
    storage?.setItem(LAYOUT_STORAGE_KEY, serializeStoredWall(wall));
  } catch {
    // storage full or disabled: the wall still works for this session
  }
}
