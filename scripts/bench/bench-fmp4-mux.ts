/**
 * npm run bench:fmp4-mux [-- --seconds 600]
 * CPU cost of the in-process fMP4 muxer (media-gateway/src/fmp4-mux) per access unit, for the committed 320x180
 * H.264/H.265 B-frame clips (tests/fixtures/media/fmp4-mux), looped with advancing timestamps, with and without AAC.
 * Measured with process.cpuUsage() after a warm-up pass, so a busy machine inflates it less than wall time. Prints a
 * markdown table with what that means for N streams at 25 fps.
 */
import { parseArgs } from 'node:util';
import { Fmp4Muxer } from '../../media-gateway/src/fmp4-mux';
import type { AudioFrame, VideoAccessUnit } from '../../media-gateway/src/fmp4-mux';
import { loadAac, loadVideo } from '../../media-gateway/src/fmp4-mux/testing/es-fixtures';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '600' } } });
const CLIP_SEC = 2;
const LOOPS = Math.max(1, Math.round(Number(values.seconds) / CLIP_SEC));

type Event = { video: VideoAccessUnit; dts: number } | { audio: AudioFrame };

/** The clip `LOOPS` times back to back, audio interleaved by time, built before timing starts. */
function events(file: string, codec: 'h264' | 'h265', withAudio: boolean): { list: Event[]; asc: Uint8Array | null } {
  const aus = loadVideo(file, codec);
  const aac = withAudio ? loadAac('aac-16k-mono.aac') : null;
  const list: Event[] = [];
  for (let loop = 0; loop < LOOPS; loop++) {
    const off = loop * CLIP_SEC * 90_000;
    let next = 0;
    for (const { au, dts90k } of aus) {
      for (; aac && next < aac.frames.length && next * 1024 * 90_000 <= dts90k * aac.sampleRate; next++) {
        const f = aac.frames[next] as AudioFrame;
        list.push({ audio: { ...f, ptsClock: f.ptsClock + loop * CLIP_SEC * aac.sampleRate } });
      }
      list.push({ video: { ...au, pts90k: au.pts90k + off }, dts: dts90k + off });
    }
  }
  return { list, asc: aac?.asc ?? null };
}

function run(list: Event[], asc: Uint8Array | null): { cpuUsPerAu: number; bytes: number; fragments: number } {
  const mux = new Fmp4Muxer({ audio: asc ? { codec: 'aac', config: asc } : null });
  let aus = 0;
  let bytes = 0;
  const start = process.cpuUsage();
  for (const e of list) {
    if ('audio' in e) mux.addAudio(e.audio);
    else {
      aus++;
      for (const out of mux.addVideo(e.video, e.dts)) bytes += out.data.length;
    }
  }
  const cpu = process.cpuUsage(start);
  return { cpuUsPerAu: (cpu.user + cpu.system) / aus, bytes, fragments: mux.stats.fragments };
}

console.log(`| clip | audio | µs CPU per access unit | fragments | MB out | % of a core for 200 streams at 25 fps |`);
console.log(`| --- | --- | --- | --- | --- | --- |`);
for (const [file, codec] of [['h264-bframes.h264', 'h264'], ['h265-bframes.h265', 'h265']] as const) {
  for (const withAudio of [false, true]) {
    const { list, asc } = events(file, codec, withAudio);
    for (let i = 0; i < 2; i++) run(list, asc); // warm-up: JIT, buffer pools
    const r = run(list, asc);
    const core = (r.cpuUsPerAu * 200 * 25) / 1e4;
    console.log(`| ${codec} 320x180 B-frames | ${withAudio ? 'AAC 16 kHz' : 'none'} | ${r.cpuUsPerAu.toFixed(1)} | ${r.fragments} | ${(r.bytes / 1e6).toFixed(1)} | ${core.toFixed(1)} % |`);
  }
}
