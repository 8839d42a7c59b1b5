// Tests only: the video (or audio) timeline of init + fragments as a player reads it, via the parser under test.
import { moofTrackIds, parseFragment, parseInit } from '../fmp4-parser';
import { topLevelBoxes } from './fmp4-fixtures';

export interface TimelineSample {
  dts: number;
  pts: number;
  duration: number;
}

export interface Timeline {
  /** tfdt of each fragment that carries the track, in order. */
  tfdt: number[];
  /** Every sample in decode order; DTS run on from each fragment's tfdt. */
  samples: TimelineSample[];
}

export function trackTimeline(init: Buffer, media: readonly Buffer[], track: 'video' | 'audio' = 'video'): Timeline {
  const info = parseInit(init);
  const trackId = track === 'video' ? info.trackId : info.audio?.trackId;
  if (trackId === undefined) throw new Error('no audio track');
  const out: Timeline = { tfdt: [], samples: [] };
  for (const buf of media) {
    for (const box of topLevelBoxes(buf)) {
      if (box.type !== 'moof' || !moofTrackIds(box.bytes).includes(trackId)) continue;
      const f = parseFragment(box.bytes, { trackId, defaults: track === 'video' ? info.defaults : {} });
      let dts = f.baseMediaDecodeTime ?? 0;
      out.tfdt.push(dts);
      for (const s of f.samples) {
        out.samples.push({ dts, pts: dts + s.compositionOffset, duration: s.duration ?? 0 });
        dts += s.duration ?? 0;
      }
    }
  }
  return out;
}
