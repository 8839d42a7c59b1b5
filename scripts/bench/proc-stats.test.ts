import { describe, expect, it } from 'vitest';
import { descendantsOf, parseCpuTotals, parseProcStat, parseSmapsRollup, percentile, treeCpuTicks, type ProcStat } from './proc-stats';

/** A /proc/<pid>/stat line as Linux writes it (52 fields), with the given command name and times. */
function statLine(pid: number, comm: string, ppid: number, t: { utime: number; stime: number; cutime?: number; cstime?: number }): string {
  const fields = ['S', ppid, pid, pid, 0, -1, 4194560, 1200, 0, 0, 0, t.utime, t.stime, t.cutime ?? 0, t.cstime ?? 0, 20, 0, 1, 0, 5000];
  return `${pid} (${comm}) ${[...fields, ...new Array<number>(32).fill(0)].join(' ')}\n`;
}

describe('/proc parsing', () => {
  it('reads ppid and CPU ticks after a command name holding spaces and parentheses', () => {
    expect(parseProcStat(statLine(4242, 'ff) (mpeg x', 17, { utime: 1234, stime: 56, cutime: 7, cstime: 8 }))).toEqual({
      pid: 4242, comm: 'ff) (mpeg x', ppid: 17, utime: 1234, stime: 56, cutime: 7, cstime: 8,
    });
    expect(() => parseProcStat('garbage')).toThrow();
  });

  it('reads Rss and Pss from smaps_rollup', () => {
    const text = [
      '55d0c0a2b000-7ffc8d5fe000 ---p 00000000 00:00 0                          [rollup]',
      'Rss:               53412 kB',
      'Pss:               14087 kB',
      'Pss_Anon:           4120 kB',
      'Shared_Clean:      38000 kB',
    ].join('\n');
    expect(parseSmapsRollup(text)).toEqual({ rssKb: 53412, pssKb: 14087 });
  });

  it('reads busy and total ticks of all CPUs from /proc/stat (idle and iowait are not busy)', () => {
    const text = 'cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\nintr 1\n';
    expect(parseCpuTotals(text)).toEqual({ busy: 160, total: 980 });
  });

  it('sums the CPU of a process tree: the root, every descendant, and children already reaped', () => {
    const table: ProcStat[] = [
      { pid: 1, comm: 'init', ppid: 0, utime: 999, stime: 999, cutime: 0, cstime: 0 },
      { pid: 10, comm: 'x', ppid: 1, utime: 100, stime: 20, cutime: 30, cstime: 4 }, // the gateway, one ffmpeg reaped
      { pid: 11, comm: 'x', ppid: 10, utime: 50, stime: 5, cutime: 0, cstime: 0 },
      { pid: 12, comm: 'x', ppid: 11, utime: 7, stime: 1, cutime: 0, cstime: 0 },
      { pid: 13, comm: 'x', ppid: 1, utime: 500, stime: 0, cutime: 0, cstime: 0 }, // not ours
    ];
    expect(descendantsOf(10, table).map((p) => p.pid)).toEqual([11, 12]);
    expect(treeCpuTicks(10, table)).toBe(154 + 55 + 8);
    expect(treeCpuTicks(99, table)).toBe(0);
  });
});

describe('percentile (nearest rank)', () => {
  it('takes the smallest value with at least p % of the values at or below it', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7, 3], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });
});
