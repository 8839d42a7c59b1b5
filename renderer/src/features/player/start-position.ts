// Where a live tile should be while it starts. hls.js starts a live stream PART-HOLD-BACK behind the edge, loads every
// part from the keyframe before that point up to it, and only then seeks there: with a 4 s GOP that is ~20 parts
// before the first picture. The tile instead shows the keyframe as soon as the first part is appended, and moves to
// the live position once the buffer reaches it, so a running camera shows a picture after one part.

/** Seconds behind the live position that are worth a jump rather than hls.js's gentle catch-up by playback rate. */
export const JUMP_TO_LIVE_MIN_SEC = 0.3;

interface Range {
  start: number;
  end: number;
}

/** The first picture: the start of the buffered media when the element sits before it (nothing to show yet). */
export function peekPosition(currentTime: number, buffered: readonly Range[]): number | null {
  const first = buffered[0];
  return first && currentTime < first.start ? first.start : null;
}

/** The live position once it is buffered and the element is still well behind it (it started at a keyframe). */
export function jumpToLivePosition(currentTime: number, liveSyncPosition: number | null, buffered: readonly Range[]): number | null {
  if (liveSyncPosition === null || !(liveSyncPosition - currentTime >= JUMP_TO_LIVE_MIN_SEC)) return null;
  return buffered.some((r) => r.start <= liveSyncPosition && liveSyncPosition <= r.end) ? liveSyncPosition : null;
}

export function bufferedRanges(video: HTMLMediaElement): Range[] {
  const b = video.buffered;
  return Array.from({ length: b.length }, (_, i) => ({ start: b.start(i), end: b.end(i) }));
}
