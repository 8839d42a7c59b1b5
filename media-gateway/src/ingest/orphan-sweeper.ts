import { readdirSync, readFileSync } from 'node:fs';

/**
 * ffmpeg children of a gateway that crashed keep pulling cameras forever. Every child carries a user-agent tag
 * derived from the data dir; at start-up (one gateway per data dir, enforced by the instance lock) any process
 * with our tag that is not our own child is an orphan and is killed.
 */
export interface ProcEntry {
  pid: number;
  ppid: number;
  argv: string[];
}

export interface ProcTable {
  list(): ProcEntry[];
  kill(pid: number, signal: NodeJS.Signals): void;
}

export const linuxProcTable: ProcTable = {
  list() {
    const out: ProcEntry[] = [];
    let names: string[];
    try {
      names = readdirSync('/proc');
    } catch {
      return out; // not Linux: nothing to sweep this way
    }
    for (const name of names) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // Field 4 (ppid) follows the parenthesised command name, which may itself contain spaces or ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        out.push({ pid: Number(name), ppid, argv });
      } catch {
        // the process ended while we looked
      }
    }
    return out;
  },
  kill(pid, signal) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  },
};

export function findOrphans(entries: ProcEntry[], userAgentTag: string, selfPid: number): ProcEntry[] {
  return entries.filter((e) => {
    if (e.pid === selfPid || e.ppid === selfPid) return false;
    const ua = e.argv.indexOf('-user_agent');
    return ua !== -1 && e.argv[ua + 1] === userAgentTag && /ffmpeg/.test(e.argv[0] ?? '');
  });
}

export function sweepOrphans(table: ProcTable, userAgentTag: string, selfPid = process.pid): number[] {
  const orphans = findOrphans(table.list(), userAgentTag, selfPid);
  for (const o of orphans) table.kill(o.pid, 'SIGKILL');
  return orphans.map((o) => o.pid);
}
