// The wall layout (grid + cameras per tile) persists in localStorage for now; later it becomes a per-user preset
// on the gateway. Anything unreadable falls back to an empty 2×2 wall.
import { emptyLayout, isGridSize, SLOT_COUNT, type WallLayout } from './wall-layout';

export const LAYOUT_STORAGE_KEY = 'cvc.wall.layout.v1';

export function parseLayout(raw: string | null | undefined): WallLayout {
  if (!raw) return emptyLayout();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return emptyLayout();
  }
  if (typeof data !== 'object' || data === null) return emptyLayout();
  const { grid, tiles } = data as { grid?: unknown; tiles?: unknown };
  const layout = emptyLayout(isGridSize(grid) ? grid : 4);
  if (!Array.isArray(tiles)) return layout;
  const slots = layout.tiles.map((_, i) => {
    const id: unknown = tiles[i];
    return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
  });
  return { grid: layout.grid, tiles: slots.slice(0, SLOT_COUNT) };
}

export function serializeLayout(layout: WallLayout): string {
  return JSON.stringify({ grid: layout.grid, tiles: layout.tiles });
}

export function loadLayout(storage: Pick<Storage, 'getItem'> | null): WallLayout {
  try {
    return parseLayout(storage?.getItem(LAYOUT_STORAGE_KEY));
  } catch {
    return emptyLayout();
  }
}

export function saveLayout(storage: Pick<Storage, 'setItem'> | null, layout: WallLayout): void {
  try {
    storage?.setItem(LAYOUT_STORAGE_KEY, serializeLayout(layout));
  } catch {
    // storage full or disabled: the wall still works for this session
  }
}
