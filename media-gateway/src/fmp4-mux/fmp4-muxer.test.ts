// The muxer's fragments read back by the packager's parser, its cutting rules, its refusals, and the bytes fed through
// the real HlsPackager.
import { describe, expect, it } from 'vitest';
import { parseFragment, parseInit } from '../packager/fmp4-parser';
import { HlsPackager } from '../packager/hls-packager';
import { listedSegments } from '../packager/testing/packager-harness';
import { checkPlaylist } from '../packager/testing/playlist-validator';
import { Fmp4MuxError } from './errors';
import { Fmp4Muxer } from './fmp4-muxer';
import { loadAac, loadVideo } from './testing/es-fixtures';
import type { TimedAccessUnit } from './testing/es-fixtures';
import { muxClip } from './testing/mux-clip';
import type { AudioFrame, FragmentOutput, MuxOutput } from './types';

const h264Type = (n: Uint8Array): number => (n[0] ?? 0) & 0x1f;

/** The length-prefixed NAL units of a moof+mdat's video samples, per sample. */
function videoNals(f: FragmentOutput, sizes: number[]): number[][] {
  const mdat = f.data.readUInt32BE(0) + 8;
  let at = mdat;
  return sizes.map((size) => {
    const types: number[] = [];
    for (const end = at + size; at < end; at += 4 + f.data.readUInt32BE(at)) types.push(h264Type(f.data.subarray(at + 4)));
    return types;
  });
}

function expectMuxError(fn: () => unknown, code: Fmp4MuxError['code']): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Fmp4MuxError);
    expect((err as Fmp4MuxError).code).toBe(code);
    return;
  }
  expect.unreachable(`no ${code} thrown`);
}

describe('fragments', () => {
  it.each(['h264', 'h265'] as const)('%s with B-frames: every AU once, tfdt/durations/CTS/sync flags as given, 200 ms parts', (clip) => {
    const { aus, inits, fragments } = muxClip(clip);
    const init = parseInit(inits[0]?.data ?? Buffer.alloc(0));
    let next = 0;
    fragments.forEach((f, i) => {
      const info = parseFragment(f.data, init);
      expect(info.sequenceNumber).toBe(i + 1);
      expect(info.baseMediaDecodeTime).toBe(aus[next]?.dts90k);
      for (const s of info.samples) {
        const { au, dts90k } = aus[next] as TimedAccessUnit;
        const following = aus[next + 1]?.dts90k ?? dts90k + 3600; // flush() repeats the last duration
        expect(s).toMatchObject({ duration: following - dts90k, compositionOffset: au.pts90k - dts90k, isSync: au.key });
        expect(s.flags >>> 24).toBe(au.key ? 2 : 1); // sample_depends_on
        next++;
      }
      // 25 fps and a 200 ms target: five frames a fragment, the GOP (25 frames) a multiple of it.
      expect(info.sampleCount).toBe(5);
      expect(f).toMatchObject({ key: info.firstSampleIsSync, videoSamples: 5, duration90k: 18_000, audioSamples: 0 });
    });
    expect(next).toBe(aus.length);
    expect(fragments.filter((f) => f.key).map((f) => f.dts90k)).toEqual(aus.filter((a) => a.au.key).map((a) => a.dts90k));
    expect(aus.some((a) => a.au.pts90k > a.dts90k + 3600)).toBe(true); // reordered: the offsets above were not all 0
  });

  it('fragments are cut before every keyframe and once they reach the target (300 ms: 8 + 8 + 8 + 1 frames a GOP)', () => {
    const { fragments } = muxClip('h264', { fragmentDurationMs: 300 });
    expect(fragments.map((f) => f.videoSamples)).toEqual([8, 8, 8, 1, 8, 8, 8, 1]);
    expect(fragments.map((f) => f.key)).toEqual([true, false, false, false, true, false, false, false]);
  });

  it('samples hold slices and SEI; AUDs are dropped and parameter sets live only in the init', () => {
    const { fragments, inits } = muxClip('h264');
    const init = parseInit(inits[0]?.data ?? Buffer.alloc(0));
    const first = fragments[0] as FragmentOutput;
    const sizes = parseFragment(first.data, init).samples.map((s) => s.size ?? 0);
    const nals = videoNals(first, sizes);
    expect(nals[0]).toEqual([6, 5]); // x264's SEI (encoder settings), then the IDR slice
    expect(nals.slice(1).every((types) => types.length === 1 && types[0] === 1)).toBe(true);
  });

  it('AAC rides in the same moof as a second traf: contiguous 1024-sample frames inside each fragment’s span', () => {
    const { inits, fragments } = muxClip('h264', { audio: true });
    const init = parseInit(inits[0]?.data ?? Buffer.alloc(0));
    const audio = init.audio;
    if (!audio) throw new Error('no audio track');
    let expected = 0;
    for (const f of fragments) {
      const a = parseFragment(f.data, { trackId: audio.trackId, defaults: {} });
      expect(a.baseMediaDecodeTime).toBe(expected);
      expect(a.samples.every((s) => s.duration === 1024)).toBe(true);
      expect(a.sampleCount).toBe(f.audioSamples);
      // Audio starts within the video fragment's time span.
      expect(a.baseMediaDecodeTime ?? 0).toBeLessThan(((f.dts90k + f.duration90k) * 16_000) / 90_000);
      expected += a.sampleCount * 1024;
    }
    expect(expected / 1024).toBe(31); // every frame up to the last video DTS (the rest never arrived before flush)
  });
});

describe('timing edge cases', () => {
  const aus = loadVideo('h264-bframes.h264', 'h264');
  const aac = loadAac('aac-16k-mono.aac');

  it('a lost audio frame ends the traf’s run; the rest starts the next fragment at its own time', () => {
    const mux = new Fmp4Muxer({ audio: { codec: 'aac', config: aac.asc } });
    const fragments: FragmentOutput[] = [];
    let next = 0;
    for (const { au, dts90k } of aus) {
      for (; next < aac.frames.length && next * 1024 * 90_000 <= dts90k * 16_000; next++) if (next !== 5) mux.addAudio(aac.frames[next] as AudioFrame);
      fragments.push(...mux.addVideo(au, dts90k).filter((o): o is FragmentOutput => o.kind === 'fragment'));
    }
    const audioTrack = { trackId: 2, defaults: {} };
    const runs = fragments.slice(0, 3).map((f) => {
      const a = parseFragment(f.data, audioTrack);
      return [a.baseMediaDecodeTime, a.sampleCount];
    });
    // Frames are 64 ms apart. Fragment 1 (0–200 ms) holds frames 0–3; fragment 2 (200–400 ms) would hold 4–6 but
    // 5 is lost, so it holds 4 only; fragment 3 starts at frame 6 with its own tfdt and holds 6–9 (< 600 ms).
    expect(runs).toEqual([[0, 4], [4 * 1024, 1], [6 * 1024, 4]]);
  });

  it('an audio frame older than audio already muxed (a late duplicate) is dropped, not written twice', () => {
    const mux = new Fmp4Muxer({ audio: { codec: 'aac', config: aac.asc } });
    const frames: number[] = [];
    let next = 0;
    for (const { au, dts90k } of aus.slice(0, 12)) {
      for (; next < aac.frames.length && next * 1024 * 90_000 <= dts90k * 16_000; next++) mux.addAudio(aac.frames[next] as AudioFrame);
      for (const o of mux.addVideo(au, dts90k)) {
        if (o.kind === 'fragment') frames.push(parseFragment(o.data, { trackId: 2, defaults: {} }).baseMediaDecodeTime ?? -1, o.audioSamples);
      }
      // Fragment 1 just took frames 0–3 and left no audio queued; frame 2 comes again (a retransmission).
      if (dts90k === 5 * 3600) mux.addAudio(aac.frames[2] as AudioFrame);
    }
    expect(frames).toEqual([0, 4, 4 * 1024, 3]);
    expect(mux.stats.droppedAudio).toBe(1);
  });

  it('decode times past 2^32 ticks (13 h at 90 kHz) are written as 64-bit tfdt', () => {
    const mux = new Fmp4Muxer();
    const base = 2 ** 32 + 90_000;
    const out = aus.slice(0, 6).flatMap(({ au, dts90k }) => mux.addVideo({ ...au, pts90k: au.pts90k + base }, dts90k + base));
    const fragment = out.find((o): o is FragmentOutput => o.kind === 'fragment');
    expect(parseFragment(fragment?.data ?? Buffer.alloc(0), { trackId: 1, defaults: {} }).baseMediaDecodeTime).toBe(base);
  });
});

describe('the muxer refuses bad timing and G.711, and drops what cannot be decoded', () => {
  const aus = loadVideo('h264-bframes.h264', 'h264');
  const at = (i: number): TimedAccessUnit => aus[i] as TimedAccessUnit;

  it('DTS not increasing, after PTS, negative or fractional: typed errors, and the muxer carries on unchanged', () => {
    const mux = new Fmp4Muxer();
    mux.addVideo(at(0).au, at(0).dts90k);
    mux.addVideo(at(1).au, at(1).dts90k);
    expectMuxError(() => mux.addVideo(at(2).au, at(1).dts90k), 'dts-not-monotonic');
    expectMuxError(() => mux.addVideo(at(2).au, at(2).au.pts90k + 1), 'dts-after-pts');
    expectMuxError(() => mux.addVideo({ ...at(2).au, pts90k: -1 }, -3600), 'bad-timestamp');
    expectMuxError(() => mux.addVideo(at(2).au, at(2).dts90k + 0.5), 'bad-timestamp');
    const rest: MuxOutput[] = [];
    for (let i = 2; i < aus.length; i++) rest.push(...mux.addVideo(at(i).au, at(i).dts90k));
    rest.push(...mux.flush());
    expect(rest.filter((o) => o.kind === 'fragment').map((o) => (o as FragmentOutput).videoSamples)).toEqual(Array(10).fill(5));
  });

  it('G.711 is refused with unsupported-audio (the caller transcodes it to AAC or drops it)', () => {
    expectMuxError(() => new Fmp4Muxer({ audio: { codec: 'pcma' } }), 'unsupported-audio');
    const mux = new Fmp4Muxer({ audio: { codec: 'aac', config: Uint8Array.of(0x14, 0x08) } });
    expectMuxError(() => mux.addAudio({ track: 'audio', codec: 'pcmu', ptsClock: 0, clockRate: 8000, data: Uint8Array.of(0xff) }), 'unsupported-audio');
    expectMuxError(() => new Fmp4Muxer().addAudio({ track: 'audio', codec: 'aac', ptsClock: 0, clockRate: 16000, data: Uint8Array.of(1) }), 'bad-input');
  });

  it('unreadable parameter sets are refused every time they come, and the stream goes on with the sets it had', () => {
    const mux = new Fmp4Muxer();
    const out: MuxOutput[] = [];
    for (let i = 0; i < 25; i++) out.push(...mux.addVideo(at(i).au, at(i).dts90k));
    // The IDR at 25 with its SPS cut short (a corrupt packet): refused, and refused again when repeated.
    const broken = { ...at(25).au, nalus: at(25).au.nalus.map((n) => (h264Type(n) === 7 ? n.subarray(0, 5) : n)) };
    expectMuxError(() => mux.addVideo(broken, at(25).dts90k), 'bad-parameter-set');
    expectMuxError(() => mux.addVideo(broken, at(25).dts90k), 'bad-parameter-set');
    for (let i = 25; i < aus.length; i++) out.push(...mux.addVideo(at(i).au, at(i).dts90k));
    out.push(...mux.flush());
    expect(out.filter((o) => o.kind === 'init')).toHaveLength(1);
    expect(out.filter((o) => o.kind === 'fragment')).toHaveLength(10);
    expect(() => new Fmp4Muxer({ parameterSets: { codec: 'h264', nalus: broken.nalus.filter((n) => [7, 8].includes(h264Type(n))) } })).toThrow(Fmp4MuxError);
  });

  it('an H.265 access unit in an H.264 stream without new parameter sets is refused', () => {
    const mux = new Fmp4Muxer();
    mux.addVideo(at(0).au, at(0).dts90k);
    const h265 = loadVideo('h265-bframes.h265', 'h265')[1] as TimedAccessUnit;
    expectMuxError(() => mux.addVideo(h265.au, at(1).dts90k), 'bad-input');
  });

  it('joining mid-GOP: access units before the first keyframe are dropped, the first fragment starts on it', () => {
    const mux = new Fmp4Muxer();
    const out: MuxOutput[] = [];
    for (let i = 1; i < aus.length; i++) out.push(...mux.addVideo(at(i).au, at(i).dts90k));
    expect(mux.stats.droppedVideo).toBe(24);
    expect(out[0]).toMatchObject({ kind: 'init', reason: 'first' });
    expect(out[1]).toMatchObject({ kind: 'fragment', key: true, dts90k: at(25).dts90k, sequence: 1 });
  });

  it('new parameter sets (the camera changed resolution): the old fragment ends, a new init is reported, sequence numbers go on', () => {
    const second = loadVideo('h264-baseline-160x90.h264', 'h264');
    const mux = new Fmp4Muxer();
    const out: MuxOutput[] = [];
    for (const a of aus.slice(0, 27)) out.push(...mux.addVideo(a.au, a.dts90k));
    const offset = at(26).dts90k + 3600;
    for (const a of second) out.push(...mux.addVideo({ ...a.au, pts90k: a.au.pts90k + offset }, a.dts90k + offset));
    out.push(...mux.flush());
    expect(out.map((o) => (o.kind === 'init' ? `init:${o.reason}:${o.width}x${o.height}` : `${o.sequence}:${o.videoSamples}`))).toEqual([
      'init:first:320x180',
      '1:5', '2:5', '3:5', '4:5', '5:5', '6:2', // the GOP's last fragment before the IDR, then 2 frames of the old stream
      'init:parameter-sets-changed:160x90',
      '7:5', '8:5',
    ]);
    const newInit = out[7];
    if (newInit?.kind !== 'init') throw new Error('no second init');
    expect(parseInit(newInit.data)).toMatchObject({ width: 160, height: 90, codec: 'avc1.42c00b' });
    expect(mux.currentInit).toBe(newInit);
  });
});

describe('through the real HlsPackager', () => {
  it.each(['h264', 'h265'] as const)('%s + AAC: one part per fragment, segments start at keyframes, codecs from our init', (clip) => {
    const { inits, fragments, outputs } = muxClip(clip, { audio: true });
    const packager = new HlsPackager({ now: () => 0 });
    for (const o of outputs) packager.push(o.data);
    expect(packager.stats()).toMatchObject({ codecs: inits[0]?.codecs, width: 320, height: 180, fragments: 10, lastError: null });
    const playlist = packager.renderPlaylist() ?? '';
    expect(checkPlaylist(playlist)).toEqual([]);
    expect(listedSegments(playlist)).toEqual([[0, 1]]); // GOP 1 s: segment 0 = the first GOP; segment 1 waits for a keyframe
    expect(playlist).toContain('#EXT-X-PART-INF:PART-TARGET=0.200');
    expect(playlist.match(/#EXT-X-PART:DURATION=0\.200,URI="part\/[01]\.[0-4]\.m4s"/g)).toHaveLength(10);
    expect(playlist.match(/INDEPENDENT=YES/g)).toHaveLength(2); // parts 0.0 and 1.0: the two keyframes
    for (let i = 0; i < 5; i++) expect(packager.getPart(0, i)?.equals(fragments[i]?.data ?? Buffer.alloc(0))).toBe(true);
    expect(packager.getPart(1, 0)?.equals(fragments[5]?.data ?? Buffer.alloc(0))).toBe(true);
    expect(packager.getInit()?.equals(inits[0]?.data ?? Buffer.alloc(0))).toBe(true);
  });
});
