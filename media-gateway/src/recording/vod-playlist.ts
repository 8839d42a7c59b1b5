// The HLS VOD playlist of a camera's recordings in a time window (RFC 8216): each keyframe-started segment of each
// file as a byte range of that file, with its wall-clock time (EXT-X-PROGRAM-DATE-TIME on every segment, so players
// show when it was recorded). A new file or a hole in the recording is a discontinuity. Pure.
import type { RecordingFileRow } from './recording-repository';

export interface VodSegment {
  fileId: number;
  offset: number;
  length: number;
  startMs: number;
  durationMs: number;
}

/** The segments of `files` that overlap [fromMs, toMs), in time order. */
export function vodSegments(files: readonly RecordingFileRow[], fromMs: number, toMs: number): VodSegment[] {
  const out: VodSegment[] = [];
  for (const f of [...files].sort((a, b) => a.startMs - b.startMs || a.id - b.id)) {
    f.segments.forEach(([offset, start, duration], i) => {
      const startMs = f.startMs + start;
      if (startMs + duration <= fromMs || startMs >= toMs || duration <= 0) return;
      const end = f.segments[i + 1]?.[0] ?? f.bytes;
      if (end <= offset) return;
      out.push({ fileId: f.id, offset, length: end - offset, startMs, durationMs: duration });
    });
  }
  return out;
}

/** A hole longer than this between two segments of the same file is still marked (the player must not bridge it). */
const CONTIGUOUS_MS = 250;

export function renderVodPlaylist(files: readonly RecordingFileRow[], segments: readonly VodSegment[], uri: (fileId: number) => string): string {
  const initBytes = new Map(files.map((f) => [f.id, f.initBytes]));
  const target = Math.max(1, ...segments.map((s) => Math.ceil(s.durationMs / 1000)));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-INDEPENDENT-SEGMENTS'];
  let prev: VodSegment | null = null;
  for (const s of segments) {
    const newFile = !prev || prev.fileId !== s.fileId;
    if (prev && (newFile || s.startMs - (prev.startMs + prev.durationMs) > CONTIGUOUS_MS)) lines.push('#EXT-X-DISCONTINUITY');
    if (newFile) lines.push(`#EXT-X-MAP:URI="${uri(s.fileId)}",BYTERANGE="${initBytes.get(s.fileId) ?? 0}@0"`);
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(s.startMs).toISOString()}`, `#EXTINF:${(s.durationMs / 1000).toFixed(3)},`, `#EXT-X-BYTERANGE:${s.length}@${s.offset}`, uri(s.fileId));
    prev = s;
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}
