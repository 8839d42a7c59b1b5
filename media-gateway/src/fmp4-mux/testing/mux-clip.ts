// Tests only: a fixture clip pushed through the muxer the way the RTSP glue will do it (video in decode order with
// its DTS, audio frames interleaved by time), with everything the muxer returned.
import { Fmp4Muxer } from '../fmp4-muxer';
import type { FragmentOutput, InitOutput, MuxOutput } from '../types';
import { loadAac, loadVideo } from './es-fixtures';
import type { TimedAccessUnit } from './es-fixtures';

export const CLIPS = {
  h264: { file: 'h264-bframes.h264', codec: 'h264' },
  h265: { file: 'h265-bframes.h265', codec: 'h265' },
  baseline: { file: 'h264-baseline-160x90.h264', codec: 'h264' },
} as const;

export interface MuxedClip {
  aus: TimedAccessUnit[];
  outputs: MuxOutput[];
  inits: InitOutput[];
  fragments: FragmentOutput[];
  /** Every output's bytes back to back: what a file reader (ffprobe) gets. */
  bytes: Buffer;
  muxer: Fmp4Muxer;
}

export function muxClip(clip: keyof typeof CLIPS, opts: { audio?: boolean; fragmentDurationMs?: number } = {}): MuxedClip {
  const { file, codec } = CLIPS[clip];
  const aus = loadVideo(file, codec);
  const aac = opts.audio ? loadAac('aac-16k-mono.aac') : null;
  const muxer = new Fmp4Muxer({
    audio: aac ? { codec: 'aac', config: aac.asc } : null,
    fragmentDurationMs: opts.fragmentDurationMs,
  });
  const outputs: MuxOutput[] = [];
  let next = 0;
  for (const { au, dts90k } of aus) {
    // Audio up to the video's decode time has arrived by now (a camera sends both in real time).
    for (; aac && next < aac.frames.length; next++) {
      const frame = aac.frames[next];
      if (!frame || frame.ptsClock / frame.clockRate > dts90k / 90_000) break;
      muxer.addAudio(frame);
    }
    outputs.push(...muxer.addVideo(au, dts90k));
  }
  outputs.push(...muxer.flush());
  return {
    aus,
    outputs,
    inits: outputs.filter((o): o is InitOutput => o.kind === 'init'),
    fragments: outputs.filter((o): o is FragmentOutput => o.kind === 'fragment'),
    bytes: Buffer.concat(outputs.map((o) => o.data)),
    muxer,
  };
}
