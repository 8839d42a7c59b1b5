// Pure parts of the wall mode (a display following commands pushed through the gateway): which wall a URL means,
// reading the pushed commands, and what a command does to what the wall shows.
import { pushedCellsSchema, type LayoutDto, type TourDto, type WallCommand } from '../../../../contracts/src/layout';

export interface WallTarget {
  wallId: string;
  /** The layout to show first. */
  layoutId: string | null;
  /** The wall is not known to the gateway yet: register it so the console can push to it. */
  register: boolean;
}

/**
 * `wall=<id>`: that wall and its stored layout. `layout=<id>` (the Electron wall windows): wall `display-<n>`, which
 * starts with the layout the desktop assigned to this display and then follows what is pushed to it — after a reload
 * too, so its stored layout (the last push; 大屏设置 pushes the assignment itself) wins over the URL's — unless the id
 * is itself a wall's, then that wall.
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
  return { wallId, layoutId: byId(wallId)?.layoutId ?? route.layoutId ?? null, register: !byId(wallId) };
}

/**
 * A pushed command as the wall reads it. The gateway adds what the wall needs to follow it without fetching (the
 * layout of show-layout, the tour of start-tour) and, for commands of an alarm rule, the alarm and whether the wall's
 * running tour is held until that alarm is acknowledged.
 */
export type PushedCommand = WallCommand & { by: string | null; layout?: LayoutDto; tour?: TourDto; alarmId?: string; interruptTour?: boolean };

const ID = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The layout carried by show-layout: used when it is the one named (its cells are checked when loaded). */
function carriedLayout(d: Record<string, unknown>, id: string): LayoutDto | null {
  const l = d.layout;
  return isObj(l) && l.id === id && typeof l.cols === 'number' && typeof l.rows === 'number' && Array.isArray(l.cells) ? (l as unknown as LayoutDto) : null;
}

function carriedTour(d: Record<string, unknown>, id: string): TourDto | null {
  const x = d.tour;
  return isObj(x) && x.id === id && typeof x.name === 'string' && typeof x.dwellSec === 'number' && Array.isArray(x.cameraIds) ? (x as unknown as TourDto) : null;
}

function alarmPart(d: Record<string, unknown>): { alarmId?: string; interruptTour?: boolean } {
  if (!ID(d.alarmId)) return {};
  return { alarmId: d.alarmId, interruptTour: d.interruptTour === true };
}

/** The `data` of a `wall:<id>` event, or null when it is not a command this wall understands. */
export function readWallCommand(data: unknown): PushedCommand | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const by = typeof d.by === 'string' ? d.by : null;
  switch (d.type) {
    case 'show-layout': {
      if (!ID(d.layoutId)) return null;
      const layout = carriedLayout(d, d.layoutId);
      return { type: 'show-layout', layoutId: d.layoutId, by, ...(layout ? { layout } : {}), ...alarmPart(d) };
    }
    case 'show-cells': {
      // A console's screen as it was pushed (not a saved layout): its cells are checked again when loaded.
      const parsed = pushedCellsSchema.safeParse({ name: d.name, cols: d.cols, rows: d.rows, cells: d.cells });
      return parsed.success ? { type: 'show-cells', ...parsed.data, by } : null;
    }
    case 'show-camera': {
      if (!ID(d.cameraId)) return null;
      const cell = typeof d.cell === 'number' && Number.isInteger(d.cell) && d.cell >= 0 && d.cell < 36 ? d.cell : undefined;
      return { ...(cell === undefined ? { type: 'show-camera', cameraId: d.cameraId, by } : { type: 'show-camera', cameraId: d.cameraId, cell, by }), ...alarmPart(d) };
    }
    case 'start-tour': {
      if (!ID(d.tourId)) return null;
      const tour = carriedTour(d, d.tourId);
      return { type: 'start-tour', tourId: d.tourId, by, ...(tour ? { tour } : {}) };
    }
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

/**
 * Alarms holding the wall's tour (an alarm rule with interruptTour). An alarm that is no longer `new` releases its
 * hold; when the last one is released the tour carries on.
 */
export function releaseHold(holds: ReadonlySet<string>, alarm: { id: string; state: string }): { holds: ReadonlySet<string>; resume: boolean } {
  if (!holds.has(alarm.id) || alarm.state === 'new') return { holds, resume: false };
  const next = new Set(holds);
  next.delete(alarm.id);
  return { holds: next, resume: next.size === 0 };
}

/** The cameras an alarm's layout shows, in cell order: what a held tour shows first. */
export function layoutCameras(layout: { cells: readonly { cameraId: string | null }[] } | null | undefined): string[] {
  return [...new Set((layout?.cells ?? []).map((c) => c.cameraId).filter((id): id is string => !!id))];
}
