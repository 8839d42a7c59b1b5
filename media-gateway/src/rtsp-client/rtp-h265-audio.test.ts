/** H.265 (B-frames) and AAC / G.711 audio receive paths against RTP captured from the simulator. */
import { describe, expect, it } from 'vitest';
import { decodedFrames, h265Types, replayCapture as replay } from '../../../tests/helpers/rtp-replay';

describe('H.265 (RFC 7798) from the simulator', () => {
  it('gives decodable access units, IRAP keyframes carrying VPS/SPS/PPS, B-frame pts', () => {
    const r = replay('sim-h265-bframes-aac');
    expect(r.video).toHaveLength(55);
    expect(r.loss).toEqual([]);
    expect(r.video.every((a) => a.codec === 'h265')).toBe(true);
    const keys = r.video.filter((a) => a.key);
    expect(keys.map((a) => a.pts90k)).toEqual([0, 180000]);
    for (const k of keys) expect(h265Types(k)).toEqual(expect.arrayContaining([32, 33, 34]));
    expect(h265Types(keys[0]!).some((t) => t >= 16 && t <= 21)).toBe(true);
    expect(r.video.some((a, i) => i > 0 && a.pts90k < r.video[i - 1]!.pts90k)).toBe(true);
    // A prefix in decode order decodes on its own; 20 frames of 720p keep the test fast.
    expect(decodedFrames(r.video.slice(0, 20), 'hevc')).toBe(20);
  });
});

describe('audio from the simulator', () => {
  it('splits AAC-hbr packets into AUs of 1024 samples (RFC 3640)', () => {
    const r = replay('sim-h265-bframes-aac');
    expect(r.audio.length).toBeGreaterThan(25);
    expect(r.audio.every((f) => f.codec === 'aac' && f.clockRate === 16000 && f.data.length > 0 && f.data.length < 2048)).toBe(true);
    expect(r.audio.map((f) => f.ptsClock)).toEqual(r.audio.map((_, i) => i * 1024));
  });

  it('passes G.711 A-law payloads through as 20 ms frames', () => {
    const r = replay('sim-h264-pcma');
    expect(r.audio.length).toBeGreaterThan(40);
    expect(r.audio.every((f) => f.codec === 'pcma' && f.clockRate === 8000 && f.data.length === 160)).toBe(true);
    expect(r.audio.map((f) => f.ptsClock)).toEqual(r.audio.map((_, i) => i * 160));
  });
});
