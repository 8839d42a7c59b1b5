// Pure parts of the wall mode (a display following commands pushed through the gateway): which wall a URL means,
// reading the pushed commands, and what a command does to what the wall shows.
import type { WallCommand } from '../../../../contracts/src/layout';

export interface WallTarget {
  wallId: string;
  /** The layout to show first. */
  layoutId: string | null;
  /** The wall is not known to the gateway yet: register it so the console can push to it. */
  register: boolean;
}

/**
 * `wall=<id>`: that wall and its stored layout. `layout=<id>` (the Electron wall windows): the layout the desktop
 * assigned to this display, followed on wall `display-<n>` — unless the id is itself a wall's, then that wall.
 */
export function resolveWallTarget(
  route: { wallId: string | null; layoutId: string | null; display: number | null },
  walls: readonly { id: string; layoutId: string | null }[],
): WallTarget {
  const byId = (id: string | null) => (id ? walls.find((w) => w.id === id) : undefined);
  if (route.wallId) return { wallId: route.wallId, layoutId: byId(route.wallId)?.layoutId ?? route.layoutId, register: false };
  const named = byId(route.layoutId);
  if (named) return { wallId: named.id, layoutId: named.layoutId, register: false };
  const wallId = `display-${route.display ?? 1}`;
  return { wallId, layoutId: route.layoutId ?? byId(wallId)?.layoutId ?? null, register: !byId(wallId) };
}

export type PushedCommand = WallCommand & { by: string | null };

const ID = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64;

/** The `data` of a `wall:<id>` event, or null when it is not a command this wall understands. */
export function readWallCommand(data: unknown): PushedCommand | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const by = typeof d.by === 'string' ? d.by : null;
  switch (d.type) {
    case 'show-layout':
      return ID(d.layoutId) ? { type: 'show-layout', layoutId: d.layoutId, by } : null;
    case 'show-camera': {
      if (!ID(d.cameraId)) return null;
      const cell = typeof d.cell === 'number' && Number.isInteger(d.cell) && d.cell >= 0 && d.cell < 36 ? d.cell : undefined;
      return cell === undefined ? { type: 'show-camera', cameraId: d.cameraId, by } : { type: 'show-camera', cameraId: d.cameraId, cell, by };
    }
    case 'start-tour':
      return ID(d.tourId) ? { type: 'start-tour', tourId: d.tourId, by } : null;
    case 'stop-tour':
      return { type: 'stop-tour', by };
    default:
      return null;
  }
}

/** show-camera: the cell to put the camera in, or null to show it alone (no cell given, or no such cell). */
export function cameraCell(cell: number | undefined, cells: number): number | null {
  return cell !== undefined && Number.isInteger(cell) && cell >= 0 && cell < cells ? cell : null;
}
