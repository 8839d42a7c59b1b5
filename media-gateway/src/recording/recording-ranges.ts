// Recorded time of a camera as ranges and gaps, from the files' keyframe-segment index. Pure.
import type { RecordingFileRow } from './recording-repository';

export interface TimeRange {
  startMs: number;
  endMs: number;
}

/** Holes shorter than this (a fragment's jitter, a file rotation) do not split a range. */
export const GAP_TOLERANCE_MS = 1500;

/** Recorded ranges within [fromMs, toMs), merged across files; and the gaps between fromMs and min(toMs, nowMs). */
export function recordedRanges(files: readonly RecordingFileRow[], fromMs: number, toMs: number, nowMs: number): { ranges: TimeRange[]; gaps: TimeRange[] } {
  const pieces = files
    .flatMap((f) => f.segments.map(([, start, duration]) => ({ startMs: f.startMs + start, endMs: f.startMs + start + duration })))
    .filter((p) => p.endMs > fromMs && p.startMs < toMs)
    .sort((a, b) => a.startMs - b.startMs);
  const ranges: TimeRange[] = [];
  for (const p of pieces) {
    const last = ranges.at(-1);
    if (last && p.startMs - last.endMs <= GAP_TOLERANCE_MS) last.endMs = Math.max(last.endMs, p.endMs);
    else ranges.push({ ...p });
  }
  for (const r of ranges) {
    r.startMs = Math.max(r.startMs, fromMs);
    r.endMs = Math.min(r.endMs, toMs);
  }
  const gaps: TimeRange[] = [];
  const until = Math.min(toMs, nowMs);
  let cursor = fromMs;
  for (const r of ranges) {
    if (r.startMs - cursor > GAP_TOLERANCE_MS) gaps.push({ startMs: cursor, endMs: r.startMs });
    cursor = Math.max(cursor, r.endMs);
  }
  if (until - cursor > GAP_TOLERANCE_MS) gaps.push({ startMs: cursor, endMs: until });
  return { ranges, gaps };
}
