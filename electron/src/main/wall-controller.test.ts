import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WallConfig } from '../../../contracts/src/desktop-ipc';
import type { DisplayDescriptor } from './display-mapping';
import { silentLogger } from './logger';
import { createWallController, type WallWindow } from './wall-controller';
import type { PlannedWall } from './wall-manager';

const d = (id: number, x: number, primary = false): DisplayDescriptor => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 }, primary });

function setup(config: WallConfig, displays: DisplayDescriptor[]) {
  let current = displays;
  let listener: (() => void) | null = null;
  const windows: Array<{ wall: PlannedWall; closed: boolean; updates: unknown[]; closeBySelf: () => void }> = [];
  const awake: boolean[] = [];
  const controller = createWallController({
    screen: {
      listDisplays: () => current,
      onChange: (l) => {
        listener = l;
        return () => (listener = null);
      },
    },
    config: () => config,
    operatorDisplayKey: () => null,
    openWindow: (wall, onClosed): WallWindow => {
      const w = { wall, closed: false, updates: [] as unknown[], closeBySelf: onClosed };
      windows.push(w);
      return { update: (next, change) => void w.updates.push({ next, change }), close: () => void (w.closed = true) };
    },
    keepDisplaysAwake: (on) => void awake.push(on),
    log: silentLogger,
    debounceMs: 50,
  });
  return {
    controller,
    windows,
    awake,
    setDisplays(next: DisplayDescriptor[]) {
      current = next;
      listener?.();
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

const config: WallConfig = {
  assignments: [
    { displayKey: '1920,0,1920x1080', layoutId: 'a' },
    { displayKey: '3840,0,1920x1080', layoutId: 'b' },
  ],
  openOnStart: true,
};

describe('wall controller', () => {
  it('opens the assigned walls on start when configured, and keeps the displays awake', () => {
    const t = setup(config, [d(1, 0, true), d(2, 1920), d(3, 3840)]);
    expect(t.controller.start()).toEqual({
      active: true,
      open: [
        { displayKey: '1920,0,1920x1080', displayNumber: 2, layoutId: 'a' },
        { displayKey: '3840,0,1920x1080', displayNumber: 3, layoutId: 'b' },
      ],
      skipped: [],
    });
    expect(t.windows.map((w) => w.wall.displayId)).toEqual([2, 3]);
    expect(t.awake.at(-1)).toBe(true);
  });

  it('stays closed on start unless configured; wall:open / wall:close toggle', () => {
    const t = setup({ ...config, openOnStart: false }, [d(1, 0, true), d(2, 1920), d(3, 3840)]);
    expect(t.controller.start().open).toEqual([]);
    expect(t.controller.setActive(true).open).toHaveLength(2);
    expect(t.controller.setActive(false)).toEqual({ active: false, open: [], skipped: [] });
    expect(t.windows.every((w) => w.closed)).toBe(true);
    expect(t.awake.at(-1)).toBe(false);
  });

  it('closes the wall of an unplugged display after the screen events settle, and reopens it when it is back', () => {
    vi.useFakeTimers();
    const t = setup(config, [d(1, 0, true), d(2, 1920), d(3, 3840)]);
    t.controller.start();
    t.setDisplays([d(1, 0, true), d(2, 1920)]);
    t.setDisplays([d(1, 0, true), d(2, 1920)]); // several events for one change
    expect(t.windows[1]!.closed).toBe(false);
    vi.advanceTimersByTime(60);
    expect(t.windows[1]!.closed).toBe(true);
    expect(t.controller.status().skipped).toEqual([{ displayKey: '3840,0,1920x1080', layoutId: 'b', reason: 'display-missing' }]);
    t.setDisplays([d(1, 0, true), d(2, 1920), d(9, 3840)]);
    vi.advanceTimersByTime(60);
    expect(t.windows).toHaveLength(3);
    expect(t.windows[2]!.wall).toMatchObject({ displayId: 9, layoutId: 'b' });
  });

  it('forgets a window that closed by itself and reopens it on the next reconcile', () => {
    const t = setup(config, [d(1, 0, true), d(2, 1920), d(3, 3840)]);
    t.controller.start();
    t.windows[0]!.closeBySelf();
    expect(t.controller.status().open.map((o) => o.layoutId)).toEqual(['b']);
    t.controller.reconcile();
    expect(t.windows).toHaveLength(3);
  });

  it('lists displays with stable keys, numbers and the operator flag', () => {
    const t = setup(config, [d(3, 3840), d(1, 0, true), d(2, 1920)]);
    expect(t.controller.displays().map((x) => [x.key, x.number, x.operator])).toEqual([
      ['0,0,1920x1080', 1, true],
      ['1920,0,1920x1080', 2, false],
      ['3840,0,1920x1080', 3, false],
    ]);
  });

  it('closes everything on dispose', () => {
    const t = setup(config, [d(1, 0, true), d(2, 1920), d(3, 3840)]);
    t.controller.start();
    t.controller.dispose();
    expect(t.windows.every((w) => w.closed)).toBe(true);
  });
});
