import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AAC_PAYLOAD_TYPE, aacHbrPayload, audioClipFrom, buildAudioEncodeArgs, parseAdts, toneHz } from './audio-clip';
import { parseRtpHeader } from './rtp-h264';

const packetOf = (tpl: { bytes: Buffer }): ReturnType<typeof parseRtpHeader> => parseRtpHeader(tpl.bytes.subarray(4));

/** An ADTS frame header (no CRC) for AAC-LC, 16 kHz (index 8), mono, around `payload`. */
function adts(payload: Buffer): Buffer {
  const len = payload.length + 7;
  const h = Buffer.from([0xff, 0xf1, (1 << 6) | (8 << 2) | 0, (1 << 6) | ((len >> 11) & 3), (len >> 3) & 0xff, ((len & 7) << 5) | 0x1f, 0xfc]);
  return Buffer.concat([h, payload]);
}

describe('audio packetisation', () => {
  it('cuts G.711 into 20 ms packets of 160 samples, PT 8 (A-law) or 0 (µ-law), no marker after the first', () => {
    const data = Buffer.alloc(8000 * 4, 0xd5);
    const a = audioClipFrom('pcma', data);
    expect(a).toMatchObject({ payloadType: 8, clockRate: 8000, samplesPerPacket: 160, rtpmap: '8 PCMA/8000', fmtp: null });
    expect(a.packets).toHaveLength(200);
    const p = packetOf(a.packets[0]!);
    expect(p.payloadType).toBe(8);
    expect(p.payload.length).toBe(160);
    expect(p.marker).toBe(false);
    const u = audioClipFrom('pcmu', data);
    expect(u).toMatchObject({ payloadType: 0, rtpmap: '0 PCMU/8000' });
    expect(packetOf(u.packets[0]!).payloadType).toBe(0);
  });

  it('puts one AAC AU per packet behind a 16-bit AU-headers-length and a 13-bit size / 3-bit index header', () => {
    const au = Buffer.alloc(300, 7);
    const p = aacHbrPayload(au);
    expect(p.readUInt16BE(0)).toBe(16); // AU-headers-length in bits
    expect(p.readUInt16BE(2) >> 3).toBe(300); // AU-size
    expect(p.readUInt16BE(2) & 7).toBe(0); // AU-index
    expect(p.subarray(4).equals(au)).toBe(true);
    expect(() => aacHbrPayload(Buffer.alloc(8192))).toThrow(RangeError);
  });

  it('reads ADTS into AUs and the AudioSpecificConfig for config=', () => {
    const frames = [Buffer.alloc(10, 1), Buffer.alloc(20, 2)];
    const parsed = parseAdts(Buffer.concat(frames.map(adts)));
    expect(parsed.frames.map((f) => f.length)).toEqual([10, 20]);
    expect(parsed.config.toString('hex')).toBe('1408'); // AAC-LC, 16 kHz, mono: what Hikvision sends
    expect(parsed.sampleRate).toBe(16000);
    const clip = audioClipFrom('aac', Buffer.concat(frames.map(adts)));
    expect(clip.fmtp).toBe(`${AAC_PAYLOAD_TYPE} streamtype=5;profile-level-id=15;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1408`);
    expect(clip.rtpmap).toBe('104 mpeg4-generic/16000/1');
    const p = packetOf(clip.packets[1]!);
    expect(p.marker).toBe(true);
    expect(p.payload.readUInt16BE(2) >> 3).toBe(20);
    expect(() => parseAdts(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]))).toThrow(/sync/);
  });

  it('encodes a real AAC tone with ffmpeg that parses into 1024-sample AUs', () => {
    const r = spawnSync('ffmpeg', buildAudioEncodeArgs(5, 'aac', 'pipe:1'), { maxBuffer: 1 << 20 });
    expect(r.status, r.stderr?.toString()).toBe(0);
    const clip = audioClipFrom('aac', r.stdout);
    expect(clip.clockRate).toBe(16000);
    expect(clip.packets.length).toBeGreaterThanOrEqual(62);
    expect(toneHz(5)).not.toBe(toneHz(6));
  });
});
