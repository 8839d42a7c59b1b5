/**
 * Where the alarm window goes: a pure function of the current displays, the saved placement and the operator's
 * display. The chosen display is matched like a wall's (exact key, else the same position); a display that is gone
 * gives no window at all rather than a window somewhere else (it would land on the operator's display, over the
 * console, whose own alarm dock already shows every alarm).
 */
import type { AlarmWindowPlacement, DisplayKey, Rect } from '../../../contracts/src/desktop-ipc';
import { displayNumbers, matchDisplayKeys, type DisplayDescriptor } from './display-mapping';

export type AlarmWindowPlan =
  | { kind: 'none'; fallback: 'display-missing' | null }
  | { kind: 'window'; displayKey: DisplayKey; displayId: number; displayNumber: number; bounds: Rect };

export function planAlarmWindow(displays: readonly DisplayDescriptor[], placement: AlarmWindowPlacement): AlarmWindowPlan {
  const key = placement.displayKey;
  if (key === null) return { kind: 'none', fallback: null };
  const display = matchDisplayKeys([key], displays).get(key);
  if (!display) return { kind: 'none', fallback: 'display-missing' };
  return {
    kind: 'window',
    displayKey: key,
    displayId: display.id,
    displayNumber: displayNumbers(displays).get(display.id) ?? 0,
    // The work area leaves the task bar visible: this is an ordinary window the operator may use, not a kiosk.
    bounds: { ...(display.workArea ?? display.bounds) },
  };
}

/** What to do with the open alarm window (if any) to reach the plan. */
export type AlarmWindowAction = { kind: 'keep' } | { kind: 'open' } | { kind: 'move' } | { kind: 'close' };

export function alarmWindowAction(open: { displayId: number; bounds: Rect } | null, plan: AlarmWindowPlan): AlarmWindowAction {
  if (plan.kind === 'none') return open ? { kind: 'close' } : { kind: 'keep' };
  if (!open) return { kind: 'open' };
  const b = open.bounds;
  const same = open.displayId === plan.displayId && b.x === plan.bounds.x && b.y === plan.bounds.y && b.width === plan.bounds.width && b.height === plan.bounds.height;
  return same ? { kind: 'keep' } : { kind: 'move' };
}

/** `${gateway}/#/alarm-window`: the renderer's alarm centre on its own display. */
export function alarmWindowUrl(gatewayOrigin: string): string {
  return `${new URL(gatewayOrigin).origin}/#/alarm-window`;
}
