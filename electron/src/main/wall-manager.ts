/**
 * Which kiosk wall windows should exist, on which display, showing which layout: a pure function of the current
 * displays, the persisted wall config, the operator's display and whether wall mode is on. A second pure function
 * turns "what is open" + "what should be open" into actions, so a display that is unplugged closes its wall (Electron
 * would otherwise move the window onto a remaining display, possibly over the operator), and a display that comes
 * back gets its wall again. The operator's display never gets a wall unless the assignment asks for it.
 */
import type { DisplayKey, Rect, WallConfig, WallStatus } from '../../../contracts/src/desktop-ipc';
import { displayNumbers, matchDisplayKeys, type DisplayDescriptor } from './display-mapping';

export interface PlannedWall {
  /** The assignment's (persisted) key: identifies the wall window across display changes. */
  displayKey: DisplayKey;
  displayId: number;
  displayNumber: number;
  bounds: Rect;
  layoutId: string;
}

export interface WallPlan {
  walls: PlannedWall[];
  skipped: WallStatus['skipped'];
  operatorDisplayId: number | null;
}

export interface WallPlanInput {
  displays: readonly DisplayDescriptor[];
  config: WallConfig;
  operatorDisplayKey: DisplayKey | null;
  active: boolean;
}

/** The operator's display: the persisted one if it is still there, else the primary display. */
export function resolveOperatorDisplay(displays: readonly DisplayDescriptor[], operatorDisplayKey: DisplayKey | null): DisplayDescriptor | null {
  if (operatorDisplayKey !== null) {
    const match = matchDisplayKeys([operatorDisplayKey], displays).get(operatorDisplayKey);
    if (match) return match;
  }
  return displays.find((d) => d.primary) ?? displays[0] ?? null;
}

export function planWalls(input: WallPlanInput): WallPlan {
  const operator = resolveOperatorDisplay(input.displays, input.operatorDisplayKey);
  const plan: WallPlan = { walls: [], skipped: [], operatorDisplayId: operator?.id ?? null };
  if (!input.active) return plan;

  const numbers = displayNumbers(input.displays);
  const seenKeys = new Set<DisplayKey>();
  const unique = input.config.assignments.filter((a) => {
    if (seenKeys.has(a.displayKey)) {
      plan.skipped.push({ displayKey: a.displayKey, layoutId: a.layoutId, reason: 'duplicate-display' });
      return false;
    }
    seenKeys.add(a.displayKey);
    return true;
  });
  const matched = matchDisplayKeys(
    unique.map((a) => a.displayKey),
    input.displays,
  );
  for (const assignment of unique) {
    const display = matched.get(assignment.displayKey);
    if (!display) {
      plan.skipped.push({ displayKey: assignment.displayKey, layoutId: assignment.layoutId, reason: 'display-missing' });
    } else if (display.id === plan.operatorDisplayId && assignment.allowOnOperatorDisplay !== true) {
      plan.skipped.push({ displayKey: assignment.displayKey, layoutId: assignment.layoutId, reason: 'operator-display' });
    } else {
      plan.walls.push({
        displayKey: assignment.displayKey,
        displayId: display.id,
        displayNumber: numbers.get(display.id) ?? 0,
        bounds: { ...display.bounds },
        layoutId: assignment.layoutId,
      });
    }
  }
  return plan;
}

export type WallAction =
  | { kind: 'close'; displayKey: DisplayKey }
  | { kind: 'open'; wall: PlannedWall }
  /** Same wall, changed place (move: new bounds) and/or content (reload: new layout or display number). */
  | { kind: 'update'; wall: PlannedWall; move: boolean; reload: boolean };

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Closes first (frees displays), then updates, then opens. */
export function diffWalls(open: readonly PlannedWall[], plan: WallPlan): WallAction[] {
  const wanted = new Map(plan.walls.map((w) => [w.displayKey, w]));
  const current = new Map(open.map((w) => [w.displayKey, w]));
  const actions: WallAction[] = [];
  for (const w of open) if (!wanted.has(w.displayKey)) actions.push({ kind: 'close', displayKey: w.displayKey });
  for (const w of plan.walls) {
    const now = current.get(w.displayKey);
    if (!now) continue;
    const move = now.displayId !== w.displayId || !sameRect(now.bounds, w.bounds);
    const reload = now.layoutId !== w.layoutId || now.displayNumber !== w.displayNumber;
    if (move || reload) actions.push({ kind: 'update', wall: w, move, reload });
  }
  for (const w of plan.walls) if (!current.has(w.displayKey)) actions.push({ kind: 'open', wall: w });
  return actions;
}

/** `${gateway}/#/wall?layout=<id>&display=<n>`: the renderer's wall route, one per display. */
export function wallUrl(gatewayOrigin: string, wall: Pick<PlannedWall, 'layoutId' | 'displayNumber'>): string {
  const params = new URLSearchParams({ layout: wall.layoutId, display: String(wall.displayNumber) });
  return `${new URL(gatewayOrigin).origin}/#/wall?${params.toString()}`;
}
