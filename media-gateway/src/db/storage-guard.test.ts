import { describe, expect, it } from 'vitest';
import { StorageGuard } from './storage-guard';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

function setup(faultAfterMs = 1000) {
  let now = 0;
  const timers: Array<{ fn: () => void; at: number }> = [];
  const logs: string[] = [];
  const faults: number[] = [];
  const guard = new StorageGuard({
    log: { warn: (_o: unknown, m?: string) => void logs.push(`warn ${m}`), error: (_o: unknown, m?: string) => void logs.push(`error ${m}`) } as never,
    now: () => now,
    faultAfterMs,
    onFault: (since) => faults.push(since),
    retry: { initialMs: 100, maxMs: 400, random: () => 1 },
    setTimer: (fn, ms) => (timers.push({ fn, at: now + ms }), {}),
  });
  /** Runs the next retry, moving the clock to its time. */
  const tick = () => {
    const t = timers.shift()!;
    now = t.at;
    t.fn();
  };
  return { guard, logs, faults, tick, timers, advance: (ms: number) => (now += ms) };
}

describe('StorageGuard', () => {
  it('writes at once when the database takes it', () => {
    const { guard, timers } = setup();
    let done = 0;
    guard.run('a', () => void done++);
    expect(done).toBe(1);
    expect(timers).toHaveLength(0);
  });

  it('never throws: queues a busy write, keeps later ones behind it, and retries with backoff until the lock goes', () => {
    const { guard, tick, timers, logs } = setup();
    let locked = true;
    const written: string[] = [];
    const write = (name: string) => () => {
      if (locked) throw busy();
      written.push(name);
    };
    expect(() => guard.run('camera-status:1', write('offline-1'))).not.toThrow();
    // Queued behind: not even tried (each try may block for busy_timeout).
    guard.run(null, write('alarm'));
    guard.run('camera-status:1', write('online-1')); // replaces the queued status of camera 1
    expect(guard.status().pending).toBe(2);
    tick();
    expect(timers).toHaveLength(1);
    locked = false;
    tick();
    expect(written).toEqual(['online-1', 'alarm']);
    expect(guard.status()).toMatchObject({ pending: 0, failingSince: null });
    expect(logs).toEqual(['warn database unavailable: background writes queued for retry', 'warn database available again: queued background writes done']);
  });

  it('raises one fault per episode after faultAfterMs, as a queued write that lands with the others', () => {
    const { guard, tick, faults, logs } = setup(1000);
    let locked = true;
    guard.run(null, () => {
      if (locked) throw busy();
    });
    for (let i = 0; i < 6; i++) tick();
    expect(guard.status().faultRaised).toBe(true);
    expect(logs.filter((l) => l.startsWith('error storage fault'))).toHaveLength(1);
    expect(faults).toEqual([]); // the alarm is a write too
    locked = false;
    tick();
    expect(faults).toEqual([0]);
    expect(guard.status().faultRaised).toBe(false);
  });

  it('logs and drops a write that fails for another reason (a bug, not the database)', () => {
    const { guard, logs, timers } = setup();
    guard.run(null, () => {
      throw Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    });
    expect(timers).toHaveLength(0);
    expect(guard.status().pending).toBe(0);
    expect(logs).toEqual(['error background write failed']);
  });

  it('tells of each refusal as it happens and hands the fault its cause (a full disk is not a busy lock)', () => {
    const refused: unknown[] = [];
    const causes: unknown[] = [];
    let now = 0;
    const timers: Array<() => void> = [];
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const guard = new StorageGuard({
      log: { warn: () => undefined, error: () => undefined } as never,
      now: () => now,
      faultAfterMs: 1000,
      onFault: (_since, cause) => void causes.push(cause),
      onRefused: (err) => void refused.push(err),
      retry: { initialMs: 600, maxMs: 600, random: () => 1 },
      setTimer: (fn) => (timers.push(fn), {}),
    });
    let isFull = true;
    guard.run(null, () => {
      if (isFull) throw full;
    });
    expect(refused).toEqual([full]);
    for (let i = 0; i < 2; i++) {
      now += 600;
      timers.shift()!();
    }
    expect(refused).toHaveLength(3);
    isFull = false;
    timers.shift()!();
    expect(causes).toEqual([full]);
  });
});
