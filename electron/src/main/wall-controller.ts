/**
 * Runs the wall plan against real windows: re-plans on every display change (debounced, since one re-plug emits
 * several screen events), on config changes and when wall mode is switched, then applies the diff. Windows, the
 * screen and the clock are injected, so this is tested with fakes; main.ts wires Electron's screen and wall-window.ts.
 */
import type { DisplayInfo, DisplayKey, WallConfig, WallStatus } from '../../../contracts/src/desktop-ipc';
import { displayKey, displayNumbers, sortDisplays, type DisplayDescriptor } from './display-mapping';
import type { Logger } from './logger';
import { diffWalls, planWalls, resolveOperatorDisplay, type PlannedWall, type WallPlan } from './wall-manager';

export interface ScreenSource {
  listDisplays(): DisplayDescriptor[];
  /** display-added, display-removed, display-metrics-changed; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface WallWindow {
  update(wall: PlannedWall, change: { move: boolean; reload: boolean }): void;
  close(): void;
}

export interface WallControllerDeps {
  screen: ScreenSource;
  config(): WallConfig;
  operatorDisplayKey(): DisplayKey | null;
  /** Opens a kiosk window for the wall; `onClosed` is called if it closes by itself (crash, Alt+F4). */
  openWindow(wall: PlannedWall, onClosed: () => void): WallWindow;
  /** Keep the displays from sleeping while any wall is open. */
  keepDisplaysAwake?(on: boolean): void;
  log: Logger;
  debounceMs?: number;
}

export interface WallController {
  start(): WallStatus;
  setActive(active: boolean): WallStatus;
  reconcile(): WallStatus;
  /** Re-plan soon (after screen events settle). */
  schedule(): void;
  status(): WallStatus;
  displays(): DisplayInfo[];
  dispose(): void;
}

export function createWallController(deps: WallControllerDeps): WallController {
  let active = false;
  let lastPlan: WallPlan = { walls: [], skipped: [], operatorDisplayId: null };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;
  const open = new Map<DisplayKey, { wall: PlannedWall; window: WallWindow }>();

  const status = (): WallStatus => ({
    active,
    open: [...open.values()].map(({ wall }) => ({ displayKey: wall.displayKey, displayNumber: wall.displayNumber, layoutId: wall.layoutId })),
    skipped: lastPlan.skipped,
  });

  function reconcile(): WallStatus {
    if (timer) clearTimeout(timer);
    timer = null;
    const displays = deps.screen.listDisplays();
    lastPlan = planWalls({ displays, config: deps.config(), operatorDisplayKey: deps.operatorDisplayKey(), active });
    for (const action of diffWalls([...open.values()].map((o) => o.wall), lastPlan)) {
      if (action.kind === 'close') {
        const entry = open.get(action.displayKey);
        open.delete(action.displayKey);
        entry?.window.close();
        deps.log.info('wall: closed', { displayKey: action.displayKey });
      } else if (action.kind === 'update') {
        const entry = open.get(action.wall.displayKey);
        if (!entry) continue;
        entry.wall = action.wall;
        entry.window.update(action.wall, { move: action.move, reload: action.reload });
        deps.log.info('wall: updated', { ...action.wall, move: action.move, reload: action.reload });
      } else {
        const wall = action.wall;
        let window: WallWindow | null = null;
        window = deps.openWindow(wall, () => {
          if (window !== null && open.get(wall.displayKey)?.window === window) {
            open.delete(wall.displayKey);
            deps.log.warn('wall: window closed by itself; it reopens on the next display change or wall:open', { displayKey: wall.displayKey });
            deps.keepDisplaysAwake?.(open.size > 0);
          }
        });
        open.set(wall.displayKey, { wall, window });
        deps.log.info('wall: opened', { ...wall });
      }
    }
    for (const skipped of lastPlan.skipped) deps.log.info('wall: not opened', { ...skipped });
    deps.keepDisplaysAwake?.(open.size > 0);
    return status();
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(reconcile, deps.debounceMs ?? 300);
  }

  return {
    start() {
      unsubscribe = deps.screen.onChange(schedule);
      active = deps.config().openOnStart;
      return reconcile();
    },
    setActive(on) {
      active = on;
      return reconcile();
    },
    reconcile,
    schedule,
    status,
    displays() {
      const displays = deps.screen.listDisplays();
      const numbers = displayNumbers(displays);
      const operator = resolveOperatorDisplay(displays, deps.operatorDisplayKey());
      return sortDisplays(displays).map((d) => ({
        key: displayKey(d.bounds),
        number: numbers.get(d.id) ?? 0,
        label: d.label ?? '',
        bounds: { ...d.bounds },
        scaleFactor: d.scaleFactor ?? 1,
        primary: d.primary,
        operator: d.id === operator?.id,
      }));
    },
    dispose() {
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      active = false;
      for (const { window } of open.values()) window.close();
      open.clear();
      deps.keepDisplaysAwake?.(false);
    },
  };
}
