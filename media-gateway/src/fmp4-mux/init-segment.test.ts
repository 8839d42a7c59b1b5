// The init segments the muxer writes, read back by the packager's own parser (the code that serves them) and compared
// with what ffmpeg's mp4 muxer makes of the very same elementary streams.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codecsAttribute } from '../packager/codec-string';
import { parseInit } from '../packager/fmp4-parser';
import { Fmp4Muxer } from './fmp4-muxer';
import { FIXTURES } from './testing/es-fixtures';
import { CLIPS, muxClip } from './testing/mux-clip';

const FFMPEG = '/usr/bin/ffmpeg';

const ffmpegInits = new Map<string, Buffer>();

/** ffmpeg's init for the same raw stream (hvc1 tag: ffmpeg defaults to hev1). */
function ffmpegInit(file: string): Buffer {
  const cached = ffmpegInits.get(file);
  if (cached) return cached;
  const init = execFileSync(FFMPEG, [
    '-v', 'error', '-i', join(FIXTURES, file), '-frames:v', '1', '-c', 'copy', '-tag:v', file.endsWith('.h265') ? 'hvc1' : 'avc1',
    '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', 'pipe:1',
  ]);
  ffmpegInits.set(file, init);
  return init;
}

/** The payload of the first box of `type` anywhere in buf (a byte search is enough for these small inits). */
function boxPayload(buf: Buffer, type: string): Buffer {
  const at = buf.indexOf(type, 0, 'latin1');
  if (at < 4) throw new Error(`no ${type}`);
  return buf.subarray(at + 4, at - 4 + buf.readUInt32BE(at - 4));
}

describe('init segment', () => {
  it.each([
    ['h264', 'avc1', 'avc1.64000c'],
    ['h265', 'hvc1', 'hvc1.1.6.L60.90'],
  ] as const)('%s + AAC parses back: codec, size, 90 kHz, audio track', (clip, entry, codec) => {
    const { inits } = muxClip(clip, { audio: true });
    expect(inits).toHaveLength(1); // the parameter sets repeated at the second IDR are no change
    const init = inits[0];
    if (!init) throw new Error('no init');
    const info = parseInit(init.data);
    expect(info).toMatchObject({ trackId: 1, timescale: 90_000, width: 320, height: 180, sampleEntry: entry, codec });
    expect(info.audio).toEqual({ trackId: 2, timescale: 16_000, codec: 'mp4a.40.2', sampleEntry: 'mp4a', channels: 1, sampleRate: 16_000 });
    // What the muxer reports is what the packager will read (RFC 6381 round trip).
    expect(init).toMatchObject({ videoCodec: codec, audioCodec: 'mp4a.40.2', width: 320, height: 180, reason: 'first' });
    expect(codecsAttribute(info)).toBe(init.codecs);
    expect(init.data.subarray(4, 24).toString('latin1')).toBe('ftypiso5\0\0\u0002\0iso5iso6');
  });

  it.each(['h264', 'h265', 'baseline'] as const)('%s: same codec string and size as ffmpeg’s init of the same stream', (clip) => {
    const ours = parseInit(muxClip(clip).inits[0]?.data ?? Buffer.alloc(0));
    const theirs = parseInit(ffmpegInit(CLIPS[clip].file));
    expect(ours.audio).toBeNull();
    expect({ codec: ours.codec, width: ours.width, height: ours.height }).toEqual({ codec: theirs.codec, width: theirs.width, height: theirs.height });
  });

  it('avcC holds the stream’s SPS and PPS byte for byte, 4-byte lengths, High-profile chroma/bit-depth tail', () => {
    const { inits, aus } = muxClip('h264');
    const avcC = boxPayload(inits[0]?.data ?? Buffer.alloc(0), 'avcC');
    const [sps, pps] = (aus[0]?.au.nalus ?? []).filter((n) => [7, 8].includes((n[0] ?? 0) & 0x1f));
    if (!sps || !pps) throw new Error('fixture without SPS/PPS');
    expect(avcC[4]).toBe(0xff); // lengthSizeMinusOne = 3
    expect(avcC[5]).toBe(0xe1); // one SPS
    expect(avcC.readUInt16BE(6)).toBe(sps.length);
    expect(avcC.subarray(8, 8 + sps.length).equals(sps)).toBe(true);
    const ppsAt = 8 + sps.length;
    expect(avcC[ppsAt]).toBe(1);
    expect(avcC.subarray(ppsAt + 3, ppsAt + 3 + pps.length).equals(pps)).toBe(true);
    expect([...avcC.subarray(ppsAt + 3 + pps.length)]).toEqual([0xfd, 0xf8, 0xf8, 0]); // 4:2:0, 8 bit, no SPS ext
  });

  it('hvcC: complete VPS/SPS/PPS arrays, temporal layers, 4-byte lengths; ffmpeg’s record agrees on every general field', () => {
    const ours = boxPayload(muxClip('h265').inits[0]?.data ?? Buffer.alloc(0), 'hvcC');
    const theirs = boxPayload(ffmpegInit(CLIPS.h265.file), 'hvcC');
    expect(ours.subarray(0, 13)).toEqual(theirs.subarray(0, 13)); // version, profile space/tier/idc, compat, constraints, level
    expect(ours.subarray(16, 19)).toEqual(theirs.subarray(16, 19)); // chroma format, bit depths
    expect(ours[21]).toBe(0x0f); // 1 temporal layer, nested, lengthSizeMinusOne 3
    const types: number[] = [];
    for (let at = 23, n = 0; n < (ours[22] ?? 0); n++) {
      types.push(ours[at] ?? 0);
      at += 3;
      for (let k = ours.readUInt16BE(at - 2); k > 0; k--) at += 2 + ours.readUInt16BE(at);
    }
    expect(types).toEqual([0x80 | 32, 0x80 | 33, 0x80 | 34]);
  });

  it('an init from SDP parameter sets alone (none in band) is the same init', () => {
    const { aus, inits } = muxClip('h264');
    const params = (aus[0]?.au.nalus ?? []).filter((n) => [7, 8].includes((n[0] ?? 0) & 0x1f));
    const mux = new Fmp4Muxer({ parameterSets: { codec: 'h264', nalus: params } });
    const first = aus[0];
    if (!first) throw new Error('empty clip');
    const slicesOnly = { ...first.au, nalus: first.au.nalus.filter((n) => !params.includes(n)) };
    const out = mux.addVideo(slicesOnly, first.dts90k);
    expect(out.map((o) => o.kind)).toEqual(['init']);
    expect(out[0]?.data.equals(inits[0]?.data ?? Buffer.alloc(0))).toBe(true);
  });
});
