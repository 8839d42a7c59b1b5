// A file left open by a gateway that died (kill -9, power loss): its index is rebuilt from the file itself and a
// fragment cut short at the end is cut off, so the file and its row agree again.
import { FragmentAssembler } from '../packager/fragment-assembler';
import { Mp4BoxReader } from '../packager/mp4-box-reader';
import type { IndexedSegment, RecordingIndex } from './recording-file';

/** The index of the whole fragments in `file` (ftyp+moov first); `bytes` is where the last whole fragment ends. */
export function indexRecording(file: Buffer): RecordingIndex | null {
  const reader = new Mp4BoxReader();
  const assembler = new FragmentAssembler();
  const segments: IndexedSegment[] = [];
  let initBytes = 0;
  let offset = 0;
  let validEnd = 0;
  let durationMs = 0;
  try {
    for (const box of reader.push(file)) {
      offset += box.size;
      for (const item of assembler.push(box)) {
        if (item.kind === 'init') {
          if (initBytes !== 0) return { bytes: validEnd, initBytes, durationMs, segments }; // a second init: not ours
          initBytes = offset;
          validEnd = offset;
          continue;
        }
        const f = item.fragment;
        const ms = (f.durationTicks / f.timescale) * 1000;
        // The fragment's bytes end where this box (its mdat) ends; it began `f.bytes.length` earlier.
        const fragmentStart = offset - f.bytes.length;
        const last = segments.at(-1);
        if (f.info.firstSampleIsSync || !last) segments.push([fragmentStart, durationMs, ms]);
        else last[2] += ms;
        durationMs += ms;
        validEnd = offset;
      }
    }
  } catch {
    // garbage after the good part: keep what parsed
  }
  if (initBytes === 0) return null;
  return { bytes: validEnd, initBytes, durationMs, segments };
}
