import { readFileSync } from 'node:fs';
import { linuxProcTable } from '../../media-gateway/src/ingest/orphan-sweeper';

const CLK_TCK = 100; // Linux USER_HZ

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

function statusKb(pid: number, key: string, file = 'status'): number {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export const rssMiB = (pid: number) => statusKb(pid, 'VmRSS') / 1024;
/** Proportional set size: shared libraries counted once across processes (RSS would count them per process). */
export const pssMiB = (pid: number) => statusKb(pid, 'Pss', 'smaps_rollup') / 1024;

export function childrenOf(pid: number, name: RegExp): number[] {
  return linuxProcTable
    .list()
    .filter((p) => p.ppid === pid && name.test(p.argv[0] ?? ''))
    .map((p) => p.pid);
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}
