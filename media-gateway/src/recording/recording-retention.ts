// Which recording files go (issue 14 "Retention"): first every file older than its camera's retention, then — while
// the recordings exceed their quota or the volume is below its free-space watermark — the oldest remaining ones.
// A file being written, or one a clip or an incident still needs (protected), is never chosen. Pure.

export interface RetentionFile {
  id: number;
  cameraId: string;
  startMs: number;
  endMs: number;
  bytes: number;
  open: boolean;
}

export interface RetentionPolicy {
  /** Days to keep a camera's recordings (its plan's, else its category's default). */
  retentionDays(cameraId: string): number;
  /** A file a clip or an open incident still needs. */
  isProtected(file: RetentionFile): boolean;
  /** Bytes all recordings may take (0 = no quota). */
  maxBytes: number;
  /** Free bytes the volume must keep (0 = no watermark). */
  minFreeBytes: number;
}

export interface RetentionChoice {
  expired: RetentionFile[];
  /** Deleted for space (quota or watermark), oldest first. */
  forSpace: RetentionFile[];
  /** Space still missing after every deletable file was chosen (protected or open files hold it). */
  shortBytes: number;
}

const DAY_MS = 24 * 3600_000;

/**
 * `files`: the candidates (at scale, the oldest few hundred and those past retention, as SQL finds them), `totalBytes`:
 * what all recordings take, `freeBytes`: the volume's free space.
 */
export function chooseForDeletion(files: readonly RetentionFile[], now: number, usage: { totalBytes: number; freeBytes: number }, p: RetentionPolicy): RetentionChoice {
  const deletable = files.filter((f) => !f.open && !p.isProtected(f)).sort((a, b) => a.endMs - b.endMs || a.id - b.id);
  const expired = deletable.filter((f) => f.endMs < now - p.retentionDays(f.cameraId) * DAY_MS);
  const gone = new Set(expired.map((f) => f.id));
  const freed = expired.reduce((s, f) => s + f.bytes, 0);
  const total = usage.totalBytes - freed;
  let need = Math.max(p.maxBytes > 0 ? total - p.maxBytes : 0, p.minFreeBytes > 0 ? p.minFreeBytes - (usage.freeBytes + freed) : 0);
  const forSpace: RetentionFile[] = [];
  for (const f of deletable) {
    if (need <= 0) break;
    if (gone.has(f.id)) continue;
    forSpace.push(f);
    need -= f.bytes;
  }
  return { expired, forSpace, shortBytes: Math.max(0, need) };
}
