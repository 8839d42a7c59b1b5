import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';

/** The lock file, behind an interface so the take-over rules are unit-tested without a disk. */
export interface LockFiles {
  /** Creates `file` with `text` unless it exists; false when it does. */
  createExclusive(file: string, text: string): boolean;
  /** The file's text and last-modified time, or null when it is gone. */
  read(file: string): { text: string; mtimeMs: number } | null;
  remove(file: string): void;
}

/** What the lock asks of the OS about processes (Linux /proc). */
export interface ProcessProbe {
  /** /proc/<pid>/stat field 22 (start time in clock ticks since boot); null when no such process. */
  startTicks(pid: number): string | null;
  /** Wall-clock start time of `pid` in ms, or null when unknown. */
  startedAtMs(pid: number): number | null;
  /** /proc/sys/kernel/random/boot_id, or null when unknown. */
  bootId(): string | null;
}

/** Who holds the lock: a pid alone says little, since PIDs wrap and are reused after a reboot. */
interface LockOwner {
  pid: number;
  startTicks: string | null;
  bootId: string | null;
}

/**
 * One gateway per data dir: two would fight over SQLite writes, each other's ffmpeg children (orphan sweep)
 * and the cameras' connection limits. A stale lock (its process is gone) is taken over.
 */
export function acquireInstanceLock(file: string, pid = process.pid, files: LockFiles = nodeLockFiles, proc: ProcessProbe = linuxProcessProbe): () => void {
  const me: LockOwner = { pid, startTicks: proc.startTicks(pid), bootId: proc.bootId() };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (files.createExclusive(file, JSON.stringify(me))) return () => files.remove(file);
    const current = files.read(file);
    if (current && holdsLock(current, me, proc)) {
      throw new Error(`another gateway (pid ${parseOwner(current.text)?.pid ?? '?'}) is using this data directory`);
    }
    files.remove(file);
  }
  throw new Error(`cannot take the instance lock ${file}`);
}

/** Whether the process named in the lock file is the one that wrote it, and still runs. */
export function holdsLock(lock: { text: string; mtimeMs: number }, me: LockOwner, proc: ProcessProbe): boolean {
  const owner = parseOwner(lock.text);
  if (!owner || owner.pid === me.pid) return false;
  const ticks = proc.startTicks(owner.pid);
  if (ticks === null) return false;
  // Written before the last reboot: whatever runs under that pid now is someone else.
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return false;
  if (owner.startTicks !== null) return ticks === '' || owner.startTicks === ticks;
  // An old plain-pid lock: its writer started before it wrote the file; a process started after is a reused pid.
  const startedAt = proc.startedAtMs(owner.pid);
  return startedAt === null || startedAt <= lock.mtimeMs + 1000;
}

function parseOwner(text: string): LockOwner | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), startTicks: null, bootId: null };
  try {
    const v = JSON.parse(trimmed) as Partial<LockOwner>;
    if (!Number.isInteger(v.pid) || (v.pid as number) <= 0) return null;
    return { pid: v.pid as number, startTicks: typeof v.startTicks === 'string' ? v.startTicks : null, bootId: typeof v.bootId === 'string' ? v.bootId : null };
  } catch {
    return null;
  }
}

export const nodeLockFiles: LockFiles = {
  createExclusive(file, text) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return true;
  },
  read(file) {
    try {
      return { text: readFileSync(file, 'utf8'), mtimeMs: statSync(file).mtimeMs };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  },
  remove: (file) => rmSync(file, { force: true }),
};

const CLK_TCK = 100; // Linux USER_HZ

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses, so count from the last ')'. */
export function startTicksFromStat(stat: string): string | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

export const linuxProcessProbe: ProcessProbe = {
  startTicks(pid) {
    const stat = readOrNull(`/proc/${pid}/stat`);
    if (stat !== null) return startTicksFromStat(stat);
    // No /proc (not Linux): only liveness is known; '' means "alive, start time unknown".
    try {
      process.kill(pid, 0);
      return '';
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM' ? '' : null;
    }
  },
  startedAtMs(pid) {
    const stat = readOrNull(`/proc/${pid}/stat`);
    const btime = /^btime (\d+)$/m.exec(readOrNull('/proc/stat') ?? '')?.[1];
    const ticks = stat === null ? null : startTicksFromStat(stat);
    if (!btime || !ticks) return null;
    return Number(btime) * 1000 + (Number(ticks) * 1000) / CLK_TCK;
  },
  bootId: () => readOrNull('/proc/sys/kernel/random/boot_id')?.trim() || null,
};
