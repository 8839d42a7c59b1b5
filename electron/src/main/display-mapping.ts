/**
 * Stable display keys. Electron's display ids are not stable across reboots, driver updates or re-plugging, but a
 * video wall's geometry is: each monitor keeps its place in the desktop layout. So a display is keyed by its
 * position and size ("x,y,WxH" in DIP), numbered row-major, and a persisted key is matched back to a display by
 * exact key first, then by position alone (the same monitor after a resolution change). Pure.
 */
import type { DisplayKey, Rect } from '../../../contracts/src/desktop-ipc';

export interface DisplayDescriptor {
  /** Electron's id: valid for this session only. */
  id: number;
  bounds: Rect;
  workArea?: Rect;
  primary: boolean;
  label?: string;
  scaleFactor?: number;
}

export function displayKey(bounds: Rect): DisplayKey {
  const r = (n: number) => Math.round(n);
  return `${r(bounds.x)},${r(bounds.y)},${r(bounds.width)}x${r(bounds.height)}`;
}

export function parseDisplayKey(key: DisplayKey): Rect | null {
  const m = /^(-?\d+),(-?\d+),(\d+)x(\d+)$/.exec(key);
  return m ? { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) } : null;
}

/** Row-major order: by top edge, then left edge; ties broken by size so the order is total. */
export function sortDisplays<T extends DisplayDescriptor>(displays: readonly T[]): T[] {
  return [...displays].sort((a, b) => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x || a.bounds.width - b.bounds.width || a.bounds.height - b.bounds.height);
}

/** display id → 1-based number in row-major order (the `display=<n>` of a wall URL). */
export function displayNumbers(displays: readonly DisplayDescriptor[]): Map<number, number> {
  return new Map(sortDisplays(displays).map((d, i) => [d.id, i + 1]));
}

/**
 * Matches persisted keys to the current displays. Each display is matched at most once; exact keys win over
 * position-only matches; keys with nothing at their place stay unmatched (the display is gone).
 */
export function matchDisplayKeys<T extends DisplayDescriptor>(keys: readonly DisplayKey[], displays: readonly T[]): Map<DisplayKey, T> {
  const result = new Map<DisplayKey, T>();
  const taken = new Set<number>();
  const byKey = new Map(displays.map((d) => [displayKey(d.bounds), d]));
  for (const key of keys) {
    const exact = byKey.get(key);
    if (exact && !taken.has(exact.id) && !result.has(key)) {
      result.set(key, exact);
      taken.add(exact.id);
    }
  }
  for (const key of keys) {
    if (result.has(key)) continue;
    const rect = parseDisplayKey(key);
    if (!rect) continue;
    const samePlace = sortDisplays(displays).find((d) => !taken.has(d.id) && Math.round(d.bounds.x) === rect.x && Math.round(d.bounds.y) === rect.y);
    if (samePlace) {
      result.set(key, samePlace);
      taken.add(samePlace.id);
    }
  }
  return result;
}

/** The display holding the largest part of a window (its centre's display when they do not overlap any). */
export function displayForRect<T extends DisplayDescriptor>(displays: readonly T[], rect: Rect): T | null {
  let best: T | null = null;
  let bestArea = 0;
  for (const d of displays) {
    const w = Math.min(rect.x + rect.width, d.bounds.x + d.bounds.width) - Math.max(rect.x, d.bounds.x);
    const h = Math.min(rect.y + rect.height, d.bounds.y + d.bounds.height) - Math.max(rect.y, d.bounds.y);
    const area = w > 0 && h > 0 ? w * h : 0;
    if (area > bestArea) {
      best = d;
      bestArea = area;
    }
  }
  return best ?? displays.find((d) => d.primary) ?? displays[0] ?? null;
}
