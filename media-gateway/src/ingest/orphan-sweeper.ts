import { readdirSync, readFileSync } from 'node:fs';

/**
 * ffmpeg children of a gateway that crashed keep pulling cameras forever. Every child carries a tag derived from
 * the data dir (the user agent it also sends to cameras); at start-up (one gateway per data dir, enforced by the
 * instance lock) any process with our tag that is not our own child is an orphan and is killed.
 *
 * The tag is in the child's environment (`ORPHAN_TAG_ENV`): the user agent is no longer an argument since the
 * camera input moved to stdin (secret-input.ts), and the environment is readable only by its owner (and root).
 * A `-user_agent <tag>` argument still counts, for orphans of a gateway from before that change.
 */
export const ORPHAN_TAG_ENV = 'CVG_ORPHAN_TAG';

export function orphanTagEnv(tag: string): Record<string, string> {
  return { [ORPHAN_TAG_ENV]: tag };
}

export interface ProcEntry {
  pid: number;
  ppid: number;
  argv: string[];
}

export interface ProcTable {
  list(): ProcEntry[];
  /** `NAME=value` strings; empty when it cannot be read (another user's process, or it ended). */
  environ(pid: number): string[];
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
  environ(pid) {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
    } catch {
      return [];
    }
  },
  kill(pid, signal) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  },
};

export function findOrphans(table: Pick<ProcTable, 'list' | 'environ'>, userAgentTag: string, selfPid: number): ProcEntry[] {
  return table.list().filter((e) => {
    if (e.pid === selfPid || e.ppid === selfPid || !/ffmpeg/.test(e.argv[0] ?? '')) return false;
    const ua = e.argv.indexOf('-user_agent');
    if (ua !== -1 && e.argv[ua + 1] === userAgentTag) return true;
    return table.environ(e.pid).includes(`${ORPHAN_TAG_ENV}=${userAgentTag}`);
  });
}

export function sweepOrphans(table: ProcTable, userAgentTag: string, selfPid = process.pid): number[] {
  const orphans = findOrphans(table, userAgentTag, selfPid);
  for (const o of orphans) table.kill(o.pid, 'SIGKILL');
  return orphans.map((o) => o.pid);
}
