import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * One gateway per data dir: two would fight over SQLite writes, each other's ffmpeg children (orphan sweep)
 * and the cameras' connection limits. A stale lock (its process is gone) is taken over.
 */
export function acquireInstanceLock(file: string, pid = process.pid): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) {
        throw new Error(`another gateway (pid ${holder}) is using this data directory`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot take the instance lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
