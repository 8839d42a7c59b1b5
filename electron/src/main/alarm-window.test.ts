import { describe, expect, it } from 'vitest';
import type { AlarmWindowPlacement } from '../../../contracts/src/desktop-ipc';
import { createAlarmWindowController, type AlarmWindowHandle } from './alarm-window-controller';
import { alarmWindowAction, alarmWindowUrl, planAlarmWindow } from './alarm-window-plan';
import { createDisplayIdentifier, identifyTargets, identifyUrl } from './display-identify';
import type { DisplayDescriptor } from './display-mapping';
import { silentLogger } from './logger';
import { settingsSchema } from './schemas';

const d = (id: number, x: number, y = 0, primary = false): DisplayDescriptor => ({
  id,
  bounds: { x, y, width: 1920, height: 1080 },
  workArea: { x, y, width: 1920, height: 1040 },
  primary,
});
// Row-major: (0,0)=1, (1920,0)=2, (0,1080)=3 — ids deliberately out of order.
const displays = [d(30, 0, 1080), d(10, 1920), d(20, 0, 0, true)];

describe('planAlarmWindow', () => {
  it('null placement: no window (the operator window keeps the pop-up)', () => {
    expect(planAlarmWindow(displays, { displayKey: null })).toEqual({ kind: 'none', fallback: null });
  });
  it('a chosen display: maximised on its work area, with its row-major number', () => {
    expect(planAlarmWindow(displays, { displayKey: '1920,0,1920x1080' })).toEqual({
      kind: 'window',
      displayKey: '1920,0,1920x1080',
      displayId: 10,
      displayNumber: 2,
      bounds: { x: 1920, y: 0, width: 1920, height: 1040 },
    });
  });
  it('same place, new resolution: still that display; gone: no window, says why', () => {
    const changed = [d(20, 0, 0, true), { ...d(11, 1920), bounds: { x: 1920, y: 0, width: 2560, height: 1440 } }];
    expect(planAlarmWindow(changed, { displayKey: '1920,0,1920x1080' })).toMatchObject({ kind: 'window', displayId: 11, displayNumber: 2 });
    expect(planAlarmWindow([d(20, 0, 0, true)], { displayKey: '1920,0,1920x1080' })).toEqual({ kind: 'none', fallback: 'display-missing' });
  });
  it('actions: open, keep, move, close', () => {
    const plan = planAlarmWindow(displays, { displayKey: '0,1080,1920x1080' });
    if (plan.kind !== 'window') throw new Error('expected a window');
    expect(alarmWindowAction(null, plan)).toEqual({ kind: 'open' });
    expect(alarmWindowAction({ displayId: 30, bounds: plan.bounds }, plan)).toEqual({ kind: 'keep' });
    expect(alarmWindowAction({ displayId: 10, bounds: plan.bounds }, plan)).toEqual({ kind: 'move' });
    expect(alarmWindowAction({ displayId: 30, bounds: plan.bounds }, { kind: 'none', fallback: null })).toEqual({ kind: 'close' });
    expect(alarmWindowAction(null, { kind: 'none', fallback: null })).toEqual({ kind: 'keep' });
  });
  it('loads the renderer alarm route on the gateway origin', () => {
    expect(alarmWindowUrl('https://10.0.0.5:8443')).toBe('https://10.0.0.5:8443/#/alarm-window');
  });
});

describe('alarm window controller', () => {
  function setup(initial: AlarmWindowPlacement, current: DisplayDescriptor[] = displays) {
    let placement = initial;
    let screen = current;
    let listener: (() => void) | null = null;
    const windows: Array<{ displayNumber: number; moves: number[]; raised: number; closed: boolean; closeBySelf: () => void }> = [];
    const controller = createAlarmWindowController({
      screen: { listDisplays: () => screen, onChange: (l) => ((listener = l), () => (listener = null)) },
      placement: () => placement,
      openWindow: (plan, onClosed): AlarmWindowHandle => {
        const w = { displayNumber: plan.displayNumber, moves: [] as number[], raised: 0, closed: false, closeBySelf: onClosed };
        windows.push(w);
        return { move: (p) => void w.moves.push(p.displayNumber), raise: () => void w.raised++, close: () => void (w.closed = true) };
      },
      log: silentLogger,
      debounceMs: 0,
    });
    return {
      controller,
      windows,
      place: (p: AlarmWindowPlacement) => ((placement = p), controller.reconcile()),
      unplug: (next: DisplayDescriptor[]) => ((screen = next), listener?.()),
    };
  }

  it('opens on the chosen display, moves with the placement, closes on null', () => {
    const t = setup({ displayKey: null });
    expect(t.controller.start()).toEqual({ placement: { displayKey: null }, open: false, displayNumber: null, fallback: null });
    expect(t.place({ displayKey: '1920,0,1920x1080' })).toMatchObject({ open: true, displayNumber: 2 });
    expect(t.place({ displayKey: '0,1080,1920x1080' })).toMatchObject({ open: true, displayNumber: 3 });
    expect(t.windows).toHaveLength(1);
    expect(t.windows[0]!.moves).toEqual([3]);
    expect(t.place({ displayKey: null })).toMatchObject({ open: false, displayNumber: null });
    expect(t.windows[0]!.closed).toBe(true);
  });

  it('a new alarm raises it; closed by the operator, the next alarm opens it again', () => {
    const t = setup({ displayKey: '1920,0,1920x1080' });
    t.controller.start();
    expect(t.controller.raise()).toBe(true);
    expect(t.windows[0]!.raised).toBe(1);
    t.windows[0]!.closeBySelf();
    expect(t.controller.status().open).toBe(false);
    expect(t.controller.raise()).toBe(true);
    expect(t.windows).toHaveLength(2);
    expect(t.windows[1]!.raised).toBe(1);
  });

  it('its display unplugged: closed with the reason, never moved onto another display', async () => {
    const t = setup({ displayKey: '1920,0,1920x1080' });
    t.controller.start();
    t.unplug([d(20, 0, 0, true)]);
    await new Promise((r) => setTimeout(r, 5));
    expect(t.controller.status()).toMatchObject({ open: false, fallback: 'display-missing' });
    expect(t.windows[0]!.closed).toBe(true);
    expect(t.controller.raise()).toBe(false);
    t.controller.dispose();
  });

  it('settings written before the alarm window existed still load', () => {
    const v1 = { version: 1, gatewayUrl: null, certificatePins: {}, wall: { assignments: [], openOnStart: false }, operatorDisplayKey: null };
    expect(settingsSchema.parse(v1).alarmWindow).toEqual({ displayKey: null });
    expect(settingsSchema.safeParse({ ...v1, alarmWindow: { displayKey: 'two' } }).success).toBe(false);
  });
});

describe('identify displays', () => {
  it('a centred box per display, numbered row-major', () => {
    expect(identifyTargets(displays)).toEqual([
      { displayNumber: 1, bounds: { x: 480, y: 270, width: 960, height: 540 } },
      { displayNumber: 2, bounds: { x: 2400, y: 270, width: 960, height: 540 } },
      { displayNumber: 3, bounds: { x: 480, y: 1350, width: 960, height: 540 } },
    ]);
    expect(identifyUrl('https://10.0.0.5:8443/', 2)).toBe('https://10.0.0.5:8443/#/identify?display=2');
  });

  it('shows them together for a few seconds; a second request replaces the first', () => {
    const timers: Array<() => void> = [];
    const open: Array<{ n: number; closed: boolean }> = [];
    const identifier = createDisplayIdentifier(
      {
        listDisplays: () => displays,
        openOverlay: (target) => {
          const o = { n: target.displayNumber, closed: false };
          open.push(o);
          return { close: () => void (o.closed = true) };
        },
        setTimer: (fn) => void timers.push(fn),
      },
      3000,
    );
    expect(identifier.identify()).toBe(3);
    expect(identifier.identify()).toBe(3);
    expect(open.slice(0, 3).every((o) => o.closed)).toBe(true);
    timers[0]!(); // the first round's timer must not close the second round
    expect(open.slice(3).some((o) => o.closed)).toBe(false);
    timers[1]!();
    expect(open.every((o) => o.closed)).toBe(true);
  });
});
