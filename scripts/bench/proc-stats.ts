import { readdirSync, readFileSync } from 'node:fs';
import { linuxProcTable } from '../../media-gateway/src/ingest/orphan-sweeper';

const CLK_TCK = 100; // Linux USER_HZ

/** The fields of /proc/<pid>/stat a benchmark needs; CPU times in clock ticks. */
export interface ProcStat {
  pid: number;
  /** Command name (field 2, at most 15 characters). */
  comm: string;
  ppid: number;
  utime: number;
  stime: number;
  /** CPU of children this process has waited for (reaped): an ffmpeg that exited mid-window is still counted here. */
  cutime: number;
  cstime: number;
}

/**
 * Parses /proc/<pid>/stat (proc(5)). The command name (field 2) is in parentheses and may hold spaces and ')' itself,
 * so fields are counted from the last ')': state is field 3, ppid 4, utime 14, stime 15, cutime 16, cstime 17.
 */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  const pid = Number(text.slice(0, text.indexOf('(')).trim());
  const f = text.slice(close + 2).trim().split(' ');
  const n = (i: number): number => {
    const v = Number(f[i]);
    if (!Number.isFinite(v)) throw new Error(`/proc stat: field ${i + 3} is not a number`);
    return v;
  };
  if (close < 0 || !Number.isInteger(pid)) throw new Error('/proc stat: no "pid (comm)" prefix');
  return { pid, comm: text.slice(text.indexOf('(') + 1, close), ppid: n(1), utime: n(11), stime: n(12), cutime: n(13), cstime: n(14) };
}

/** RSS and PSS (kB) from /proc/<pid>/smaps_rollup; 0 for a field that is absent. */
export function parseSmapsRollup(text: string): { rssKb: number; pssKb: number } {
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { rssKb: kb('Rss'), pssKb: kb('Pss') };
}

/** Busy and total ticks of all CPUs from /proc/stat's first line (busy = everything but idle and iowait). */
export function parseCpuTotals(text: string): { busy: number; total: number } {
  const line = /^cpu\s+([\d\s]+)$/m.exec(text)?.[1];
  if (!line) throw new Error('/proc/stat: no aggregate cpu line');
  const v = line.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user/nice)
  const total = v.slice(0, 8).reduce((s, x) => s + (x ?? 0), 0);
  return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
}

/** Every process below `root` (children, grandchildren, …) in a process table. */
export function descendantsOf(root: number, table: readonly ProcStat[]): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const p of table) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out: ProcStat[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const c of byParent.get(pid) ?? []) {
      out.push(c);
      queue.push(c.pid);
    }
  }
  return out;
}

/**
 * CPU ticks of a process tree so far: the root and each live descendant's own and reaped children's time. A child
 * that exits moves its time into its parent's cutime/cstime once reaped, so the sum only grows (a zombie not yet
 * reaped is the one instant it is missing).
 */
export function treeCpuTicks(root: number, table: readonly ProcStat[]): number {
  const self = table.find((p) => p.pid === root);
  if (!self) return 0;
  return [self, ...descendantsOf(root, table)].reduce((s, p) => s + p.utime + p.stime + p.cutime + p.cstime, 0);
}

/** Every process's stat line now (processes that vanish while reading are skipped). */
export function readProcTable(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      out.push(parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

export const ticksToSeconds = (ticks: number): number => ticks / CLK_TCK;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const s = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return ticksToSeconds(s.utime + s.stime);
  } catch {
    return 0;
  }
}

export function readSmapsRollup(pid: number): { rssKb: number; pssKb: number } {
  try {
    return parseSmapsRollup(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  } catch {
    return { rssKb: 0, pssKb: 0 };
  }
}

function statusKb(pid: number, key: string): number {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export const rssMiB = (pid: number) => statusKb(pid, 'VmRSS') / 1024;
/** Proportional set size: shared libraries counted once across processes (RSS would count them per process). */
export const pssMiB = (pid: number) => readSmapsRollup(pid).pssKb / 1024;

export function childrenOf(pid: number, name: RegExp): number[] {
  return linuxProcTable
    .list()
    .filter((p) => p.ppid === pid && name.test(p.argv[0] ?? ''))
    .map((p) => p.pid);
}

/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}
