import { describe, expect, it } from 'vitest';
import { DiskSpaceMonitor } from './disk-space-monitor';

const MB = 1048576;

function setup(minFreeMb = 200) {
  let free = 1000 * MB;
  const events: string[] = [];
  const monitor = new DiskSpaceMonitor({
    dir: '/data',
    minFreeBytes: minFreeMb * MB,
    probe: {
      freeBytes: () => {
        if (free < 0) throw new Error('statfs failed');
        return free;
      },
    },
    log: { warn: () => undefined, error: () => undefined } as never,
    onLow: (f, reason) => void events.push(`low ${f / MB} ${reason}`),
    onRecovered: (f) => void events.push(`recovered ${f / MB}`),
  });
  return { monitor, events, setFree: (mb: number) => (free = mb * MB) };
}

describe('DiskSpaceMonitor', () => {
  it('raises once when free space drops below the watermark and resolves once when it recovers', () => {
    const { monitor, events, setFree } = setup();
    monitor.check();
    setFree(150);
    monitor.check();
    setFree(10);
    monitor.check();
    monitor.noteWriteRefused();
    expect(monitor.isLow()).toBe(true);
    setFree(300);
    monitor.check();
    monitor.check();
    expect(events).toEqual(['low 150 watermark', 'recovered 300']);
    expect(monitor.isLow()).toBe(false);
  });

  it('starts an episode when a write is refused above the watermark, ended by the next check with space', () => {
    const { monitor, events, setFree } = setup(0);
    setFree(0);
    monitor.check(); // watermark 0: nothing to report on its own
    expect(events).toEqual([]);
    monitor.noteWriteRefused();
    monitor.noteWriteRefused();
    monitor.check();
    setFree(50);
    monitor.check();
    expect(events).toEqual(['low 0 write-refused', 'recovered 50']);
  });

  it('keeps its state when free space cannot be measured', () => {
    const { monitor, events, setFree } = setup();
    setFree(-1);
    expect(() => monitor.check()).not.toThrow();
    expect(events).toEqual([]);
  });
});
