/**
 * Runs the alarm window's placement against a real window: re-plans on a placement change and on display changes
 * (debounced), and brings the window forward on a new alarm. The screen, the window and the clock are injected, so
 * it is tested with fakes; main.ts wires Electron's screen and alarm-window.ts.
 */
import type { AlarmWindowPlacement, AlarmWindowStatus } from '../../../contracts/src/desktop-ipc';
import { alarmWindowAction, planAlarmWindow, type AlarmWindowPlan } from './alarm-window-plan';
import type { Logger } from './logger';
import type { ScreenSource } from './wall-controller';

type Placed = Extract<AlarmWindowPlan, { kind: 'window' }>;

export interface AlarmWindowHandle {
  move(plan: Placed): void;
  /** Shows it above other windows without taking the keyboard from the operator window. */
  raise(): void;
  close(): void;
}

export interface AlarmWindowControllerDeps {
  screen: ScreenSource;
  placement(): AlarmWindowPlacement;
  /** `onClosed`: the operator closed it (or it crashed); it opens again at the next placement or display change. */
  openWindow(plan: Placed, onClosed: () => void): AlarmWindowHandle;
  log: Logger;
  debounceMs?: number;
}

export interface AlarmWindowController {
  start(): AlarmWindowStatus;
  reconcile(): AlarmWindowStatus;
  raise(): boolean;
  status(): AlarmWindowStatus;
  dispose(): void;
}

export function createAlarmWindowController(deps: AlarmWindowControllerDeps): AlarmWindowController {
  let open: { plan: Placed; handle: AlarmWindowHandle } | null = null;
  let fallback: AlarmWindowStatus['fallback'] = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;

  const status = (): AlarmWindowStatus => ({ placement: deps.placement(), open: open !== null, displayNumber: open?.plan.displayNumber ?? null, fallback });

  function reconcile(): AlarmWindowStatus {
    if (timer) clearTimeout(timer);
    timer = null;
    const plan = planAlarmWindow(deps.screen.listDisplays(), deps.placement());
    fallback = plan.kind === 'none' ? plan.fallback : null;
    const action = alarmWindowAction(open ? { displayId: open.plan.displayId, bounds: open.plan.bounds } : null, plan);
    if (action.kind === 'close') {
      const closing = open;
      open = null;
      closing?.handle.close();
      deps.log.info('alarm window: closed', { fallback });
    } else if (action.kind === 'move' && open && plan.kind === 'window') {
      open.plan = plan;
      open.handle.move(plan);
      deps.log.info('alarm window: moved', { displayNumber: plan.displayNumber });
    } else if (action.kind === 'open' && plan.kind === 'window') {
      let handle: AlarmWindowHandle | null = null;
      handle = deps.openWindow(plan, () => {
        if (handle !== null && open?.handle === handle) open = null;
      });
      open = { plan, handle };
      deps.log.info('alarm window: opened', { displayNumber: plan.displayNumber });
    }
    return status();
  }

  return {
    start() {
      unsubscribe = deps.screen.onChange(() => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(reconcile, deps.debounceMs ?? 300);
      });
      return reconcile();
    },
    reconcile,
    raise() {
      // Closed by the operator: a new alarm opens it again where it belongs.
      if (!open) reconcile();
      open?.handle.raise();
      return open !== null;
    },
    status,
    dispose() {
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      open?.handle.close();
      open = null;
    },
  };
}
