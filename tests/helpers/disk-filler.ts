import { execFileSync } from 'node:child_process';
import { closeSync, openSync, statfsSync, writeSync } from 'node:fs';

/** Mounts a tmpfs of `size` (e.g. '4m') on `dir`; the reason it could not (needs root) or null. */
export function mountTmpfs(dir: string, size: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs (needs root): ${(err as Error).message.split('\n')[0]}`;
  }
}

export function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'pipe' });
}

/** Free bytes for an unprivileged writer on the filesystem holding `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** Appends to `file` until its disk has at most `leaveBytes` free (0: until the disk refuses with ENOSPC). */
export function fillDisk(file: string, dir: string, leaveBytes: number): void {
  const fd = openSync(file, 'a');
  try {
    for (const size of [65_536, 4096, 512]) {
      const chunk = Buffer.alloc(size, 0x61);
      for (;;) {
        if (leaveBytes > 0 && freeBytes(dir) <= leaveBytes) return;
        try {
          writeSync(fd, chunk);
        } catch (err) {
          if ((err as { code?: string }).code !== 'ENOSPC') throw err;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}
