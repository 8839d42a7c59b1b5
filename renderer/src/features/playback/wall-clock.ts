// Media time ↔ wall-clock time of a VOD playlist (pure), from EXT-X-PROGRAM-DATE-TIME on every segment: hls.js puts
// the segment's start on the media timeline (`start`, seconds) and its wall-clock start (`programDateTime`, ms).
// Between segments of a discontinuity (a hole in the recording) media time runs on while wall-clock time jumps.

export interface PdtSegment {
  start: number;
  duration: number;
  programDateTime: number | null;
}

/** The wall-clock instant (ms) of a media position, or null when no segment with a date covers it. */
export function wallAt(segments: readonly PdtSegment[], mediaSec: number): number | null {
  for (const s of segments) {
    if (s.programDateTime === null) continue;
    // The last segment's end belongs to it (a player paused at the very end).
    if (mediaSec >= s.start && mediaSec <= s.start + s.duration) return s.programDateTime + (mediaSec - s.start) * 1000;
  }
  return null;
}

/** The media position (s) showing a wall-clock instant, or null when it falls in no segment (nothing recorded then). */
export function mediaAt(segments: readonly PdtSegment[], wallMs: number): number | null {
  for (const s of segments) {
    if (s.programDateTime === null) continue;
    if (wallMs >= s.programDateTime && wallMs < s.programDateTime + s.duration * 1000) return s.start + (wallMs - s.programDateTime) / 1000;
  }
  return null;
}

/** The first recorded instant at or after `wallMs` in the playlist (to skip a hole while playing), or null. */
export function nextRecordedWall(segments: readonly PdtSegment[], wallMs: number): number | null {
  let best: number | null = null;
  for (const s of segments) {
    if (s.programDateTime === null || s.programDateTime + s.duration * 1000 <= wallMs) continue;
    const at = Math.max(s.programDateTime, wallMs);
    if (best === null || at < best) best = at;
  }
  return best;
}
