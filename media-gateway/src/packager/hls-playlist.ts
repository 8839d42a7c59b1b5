// Pure rendering of the media playlist from the packager's window. Kept free of state so the exact text can be
// tested, and so the rules (which parts to list, where EXT-X-MAP goes) live in one short place.
import { initUri, partUri, segmentUri, withQuery } from './media-uris';
import type { RenderPlaylistOptions, SegmentView } from './packager-types';

export interface PlaylistModel {
  lowLatency: boolean;
  /** Integer EXT-X-TARGETDURATION. */
  targetDuration: number;
  /** Declared part target in seconds (already rounded up to ms). */
  partTargetSec: number;
  /** Complete segments to list, oldest first. */
  segments: readonly SegmentView[];
  /** The segment being filled (LL-HLS lists its parts), null between ingest runs. */
  inProgress: SegmentView | null;
  /** Number of EXT-X-DISCONTINUITY tags that slid out of the playlist. */
  discontinuitySequence: number;
  /** The part the next fragment will become. */
  preloadHint: { msn: number; part: number };
}

/** Durations in seconds with millisecond precision, the same everywhere in the playlist. */
export const sec = (s: number): string => s.toFixed(3);

/** Spec: list parts only near the live edge ("within three target durations of the end"). */
const PART_WINDOW_TARGETS = 3;
/** Spec minimum for the skip boundary: six target durations. */
const SKIP_TARGETS = 6;

export function renderMediaPlaylist(model: PlaylistModel, opts: RenderPlaylistOptions = {}): string {
  const { lowLatency: ll, targetDuration: td, partTargetSec: pt, inProgress } = model;
  const q = (uri: string): string => withQuery(uri, opts.query);
  const first = model.segments[0] ?? inProgress;
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${ll ? 9 : 7}`, `#EXT-X-TARGETDURATION:${td}`];
  if (ll) {
    lines.push(`#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=${sec(SKIP_TARGETS * td)},PART-HOLD-BACK=${sec(3 * pt)}`);
    lines.push(`#EXT-X-PART-INF:PART-TARGET=${sec(pt)}`);
  }
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${first?.msn ?? 0}`, `#EXT-X-DISCONTINUITY-SEQUENCE:${model.discontinuitySequence}`);

  const completeEnd = model.segments.reduce((sum, s) => sum + s.durationSec, 0);
  const liveEnd = completeEnd + (ll && inProgress ? inProgress.durationSec : 0);
  const skipped = ll && opts.skip ? countSkippable(model.segments, completeEnd, SKIP_TARGETS * td) : 0;
  if (skipped > 0) lines.push(`#EXT-X-SKIP:SKIPPED-SEGMENTS=${skipped}`);

  let mapGeneration = -1;
  let end = 0;
  const listed = [...model.segments, ...(ll && inProgress ? [inProgress] : [])];
  listed.forEach((seg, i) => {
    end += seg.durationSec;
    if (i < skipped) return;
    if (seg.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    if (seg.initGeneration !== mapGeneration) {
      // Repeated after a skip and after every init change, so each segment is decodable from what precedes it.
      lines.push(`#EXT-X-MAP:URI="${q(initUri(seg.initGeneration))}"`);
      mapGeneration = seg.initGeneration;
    }
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(seg.programDateTimeMs).toISOString()}`);
    if (ll && (!seg.complete || liveEnd - end < PART_WINDOW_TARGETS * td)) {
      seg.parts.forEach((p, index) => {
        const independent = p.independent ? ',INDEPENDENT=YES' : '';
        lines.push(`#EXT-X-PART:DURATION=${sec(p.durationSec)},URI="${q(partUri(seg.msn, index))}"${independent}`);
      });
    }
    if (seg.complete) lines.push(`#EXTINF:${sec(seg.durationSec)},`, q(segmentUri(seg.msn)));
  });

  if (ll) lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${q(partUri(model.preloadHint.msn, model.preloadHint.part))}"`);
  return `${lines.join('\n')}\n`;
}

/**
 * Leading segments that end at least `boundarySec` before the last complete segment ends. Stops at a
 * discontinuity: a skipped EXT-X-DISCONTINUITY would shift the client's discontinuity numbering.
 */
function countSkippable(segments: readonly SegmentView[], completeEnd: number, boundarySec: number): number {
  let end = 0;
  let n = 0;
  for (const seg of segments) {
    end += seg.durationSec;
    if (seg.discontinuity || completeEnd - end < boundarySec) break;
    n++;
  }
  return n;
}
