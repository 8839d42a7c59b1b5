import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, startTicksFromStat, type LockFiles, type ProcessProbe } from './instance-lock';

const BOOT = 'b6f3c1e2-0000-4000-8000-000000000001';
const LOCK = '/data/gateway.lock';

function memoryFiles(initial?: { text: string; mtimeMs?: number }): LockFiles & { files: Map<string, { text: string; mtimeMs: number }> } {
  const files = new Map<string, { text: string; mtimeMs: number }>();
  if (initial) files.set(LOCK, { text: initial.text, mtimeMs: initial.mtimeMs ?? 0 });
  return {
    files,
    createExclusive(file, text) {
      if (files.has(file)) return false;
      files.set(file, { text, mtimeMs: 0 });
      return true;
    },
    read: (file) => files.get(file) ?? null,
    remove: (file) => void files.delete(file),
  };
}

/** Processes by pid: start ticks and wall-clock start. */
function processes(table: Record<number, { ticks: string; startedAtMs?: number }>, bootId: string | null = BOOT): ProcessProbe {
  return {
    startTicks: (pid) => table[pid]?.ticks ?? null,
    startedAtMs: (pid) => table[pid]?.startedAtMs ?? null,
    bootId: () => bootId,
  };
}

const ME = 500;
const lockOf = (o: object) => ({ text: JSON.stringify(o) });

describe('acquireInstanceLock', () => {
  it('writes pid, start time and boot id, and removes the file on release', () => {
    const files = memoryFiles();
    const release = acquireInstanceLock(LOCK, ME, files, processes({ [ME]: { ticks: '777' } }));
    expect(JSON.parse(files.files.get(LOCK)!.text)).toEqual({ pid: ME, startTicks: '777', bootId: BOOT });
    release();
    expect(files.files.has(LOCK)).toBe(false);
  });

  it('refuses when the pid in the lock is alive with the same start time and boot id', () => {
    const files = memoryFiles(lockOf({ pid: 42, startTicks: '1000', bootId: BOOT }));
    expect(() => acquireInstanceLock(LOCK, ME, files, processes({ [ME]: { ticks: '9' }, 42: { ticks: '1000' } }))).toThrow(/another gateway \(pid 42\)/);
    expect(JSON.parse(files.files.get(LOCK)!.text)).toMatchObject({ pid: 42 });
  });

  it('takes over a lock whose pid is alive but started at another time (the pid was reused)', () => {
    const files = memoryFiles(lockOf({ pid: 42, startTicks: '1000', bootId: BOOT }));
    acquireInstanceLock(LOCK, ME, files, processes({ [ME]: { ticks: '9' }, 42: { ticks: '5555' } }));
    expect(JSON.parse(files.files.get(LOCK)!.text)).toMatchObject({ pid: ME });
  });

  it('takes over a lock written before the last reboot, even if pid and start time match', () => {
    const files = memoryFiles(lockOf({ pid: 42, startTicks: '1000', bootId: 'another-boot' }));
    acquireInstanceLock(LOCK, ME, files, processes({ [ME]: { ticks: '9' }, 42: { ticks: '1000' } }));
    expect(JSON.parse(files.files.get(LOCK)!.text)).toMatchObject({ pid: ME });
  });

  it('takes over a lock whose process is gone, an unreadable lock, and its own pid', () => {
    for (const text of [JSON.stringify({ pid: 42, startTicks: '1', bootId: BOOT }), 'garbage', JSON.stringify({ pid: ME, startTicks: '1', bootId: BOOT })]) {
      const files = memoryFiles({ text });
      acquireInstanceLock(LOCK, ME, files, processes({ [ME]: { ticks: '9' } }));
      expect(JSON.parse(files.files.get(LOCK)!.text)).toMatchObject({ pid: ME });
    }
  });

  it('an old plain-pid lock holds while its process started before the file was written, not after', () => {
    const probe = processes({ [ME]: { ticks: '9' }, 42: { ticks: '1000', startedAtMs: 50_000 } });
    expect(() => acquireInstanceLock(LOCK, ME, memoryFiles({ text: '42', mtimeMs: 60_000 }), probe)).toThrow(/another gateway/);
    const reused = memoryFiles({ text: '42', mtimeMs: 10_000 });
    acquireInstanceLock(LOCK, ME, reused, probe);
    expect(JSON.parse(reused.files.get(LOCK)!.text)).toMatchObject({ pid: ME });
  });
});

describe('startTicksFromStat', () => {
  it('reads field 22 even when the command name holds spaces and parentheses', () => {
    const rest = Array.from({ length: 50 }, (_, i) => String(i + 3)).join(' ');
    expect(startTicksFromStat(`1234 (a b) c)) ${rest}`)).toBe('22');
  });
});
