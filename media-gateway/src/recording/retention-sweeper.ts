// Runs the retention choice against the index and the disk: a sweep every minute (and at once when a write found the
// volume full) deletes expired files, then the oldest while space is short. The file goes before its row: a crash
// between the two leaves a row whose file is missing, which playback skips and the next repair removes.
import { join } from 'node:path';
import type { Logger } from '../platform/logger';
import type { RecordingFs } from './recording-fs';
import type { RecordingFileRow, RecordingRepository } from './recording-repository';
import { chooseForDeletion, type RetentionPolicy } from './recording-retention';

/** Candidates read per sweep; a backlog larger than this is worked off over the next sweeps. */
const BATCH = 500;

export interface RetentionSweeperDeps {
  repo: RecordingRepository;
  fs: RecordingFs;
  root: string;
  policy: RetentionPolicy;
  /** Free bytes on the recording volume. */
  freeBytes(): number;
  now: () => number;
  log: Logger;
}

export interface SweepResult {
  deletedFiles: number;
  freedBytes: number;
  /** Space that could not be found (protected or open files hold it): recording may stop for want of room. */
  shortBytes: number;
}

export class RetentionSweeper {
  constructor(private readonly d: RetentionSweeperDeps) {}

  sweep(): SweepResult {
    const now = this.d.now();
    const { totalBytes, cameraIds } = this.d.repo.usage();
    const byId = new Map<number, RecordingFileRow>();
    for (const cameraId of cameraIds) {
      for (const f of this.d.repo.endedBefore(cameraId, now - this.d.policy.retentionDays(cameraId) * 86_400_000, BATCH)) byId.set(f.id, f);
    }
    for (const f of this.d.repo.oldest(BATCH)) byId.set(f.id, f);
    const choice = chooseForDeletion([...byId.values()], now, { totalBytes, freeBytes: this.d.freeBytes() }, this.d.policy);
    let freedBytes = 0;
    const doomed = [...choice.expired, ...choice.forSpace];
    for (const f of doomed) {
      const row = byId.get(f.id)!;
      this.d.fs.remove(join(this.d.root, row.path));
      this.d.repo.deleteFile(row.id);
      freedBytes += row.bytes;
    }
    if (doomed.length > 0) {
      this.d.log.info({ expired: choice.expired.length, forSpace: choice.forSpace.length, freedBytes, shortBytes: choice.shortBytes }, 'recording retention: files deleted');
    }
    return { deletedFiles: doomed.length, freedBytes, shortBytes: choice.shortBytes };
  }
}
