/** The H.264 receive path against RTP captured from the simulator: decoded by ffprobe, then mutated (loss, wrap, jumps). */
import { describe, expect, it } from 'vitest';
import { decodedFrames, h264Types, loadCapture, replayCapture as replay, rewriteRtp as rewrite, type Packet } from '../../../tests/helpers/rtp-replay';

describe('H.264 (RFC 6184) from the simulator', () => {
  it('gives decodable access units with a keyframe every GOP and pts every 40 ms', () => {
    const r = replay('sim-h264-pcma');
    expect(r.video).toHaveLength(30);
    expect(r.loss).toEqual([]);
    expect(r.discontinuity).toEqual([]);
    expect(r.video.map((a) => a.pts90k)).toEqual(r.video.map((_, i) => i * 3600));
    expect(r.video.filter((a) => a.key).map((a) => a.pts90k)).toEqual([0, 90000]);
    expect(h264Types(r.video[0]!)).toEqual(expect.arrayContaining([7, 8, 5]));
    expect(r.video.every((a) => a.codec === 'h264' && a.nalus.every((n) => n[0] !== 0 || n[1] !== 0))).toBe(true);
    expect(decodedFrames(r.video, 'h264')).toBe(30);
  });

  it('keeps B-frame presentation times (non-monotonic in decode order, no gaps or duplicates)', () => {
    const r = replay('sim-h264-bframes-pcma');
    expect(r.video).toHaveLength(30);
    const pts = r.video.map((a) => a.pts90k);
    expect(pts.some((p, i) => i > 0 && p < pts[i - 1]!)).toBe(true);
    const sorted = [...pts].sort((a, b) => a - b);
    expect(new Set(pts).size).toBe(pts.length);
    // Decode order runs ahead of presentation by the reorder depth (2 B-frames): past that, a run of 40 ms steps.
    expect(sorted.slice(0, -2)).toEqual(sorted.slice(0, -2).map((_, i) => i * 3600));
    expect(r.video[0]!.key).toBe(true);
    expect(decodedFrames(r.video.slice(0, 15), 'h264')).toBe(15);
  });

  it('drops exactly the access unit that lost an FU-A fragment and reports the loss', () => {
    // The next AU (a P-frame in one packet) is whole: its first slice starts the picture.
    const { packets } = loadCapture('sim-h264-pcma');
    // The last FU-A fragment of the second IDR (pts 1 s): the AU never sees its marker.
    const idr2 = packets.findIndex((p, i) => i > 10 && !p.rtcp && p.track === 0 && (p.data[12]! & 0x1f) === 28 && (p.data[13]! & 0x1f) === 5 && (p.data[13]! & 0x80) !== 0);
    expect(idr2).toBeGreaterThan(0);
    const r = replay('sim-h264-pcma', (p, i) => (i === idr2 + 1 ? null : p));
    expect(r.video.map((a) => a.pts90k)).not.toContain(90000);
    expect(r.video).toHaveLength(29);
    expect(r.loss).toEqual([
      { track: 'video', packets: 1, droppedUnits: 0 },
      { track: 'video', packets: 0, droppedUnits: 1 },
    ]);
  });

  it('unwraps 32-bit timestamps and 16-bit sequence numbers that wrap mid-capture', () => {
    const { packets } = loadCapture('sim-h264-pcma');
    const first = packets.find((p) => p.track === 0 && !p.rtcp)!;
    const ts0 = first.data.readUInt32BE(4);
    const seq0 = first.data.readUInt16BE(2);
    const r = replay('sim-h264-pcma', (p) =>
      p.track !== 0 || p.rtcp
        ? p
        : rewrite(p, (v) => {
            v.setUint32(4, (v.getUint32(4) - ts0 + 2 ** 32 - 45_000) >>> 0); // wraps 0.5 s in
            v.setUint16(2, (v.getUint16(2) - seq0 + 65_536 - 20) & 0xffff);
          }),
    );
    expect(r.video.map((a) => a.pts90k)).toEqual(r.video.map((_, i) => i * 3600));
    expect(r.loss).toEqual([]);
    expect(r.discontinuity).toEqual([]);
  });

  it('reports a forward jump over 10 s and a backward jump as discontinuities, keeping them in the pts', () => {
    const { packets } = loadCapture('sim-h264-pcma');
    const videoTs = (p: Packet): number => p.data.readUInt32BE(4);
    const ts0 = videoTs(packets.find((p) => p.track === 0 && !p.rtcp)!);
    const jumpAt = ts0 + 15 * 3600;
    const forward = replay('sim-h264-pcma', (p) => (p.track !== 0 || p.rtcp || videoTs(p) < jumpAt ? p : rewrite(p, (v) => v.setUint32(4, (v.getUint32(4) + 20 * 90_000) >>> 0))));
    expect(forward.discontinuity).toEqual([{ track: 'video', kind: 'jump-forward', deltaClock: 20 * 90_000 + 3600, clockRate: 90000 }]);
    expect(forward.video[15]!.pts90k).toBe(15 * 3600 + 20 * 90_000);
    const backward = replay('sim-h264-pcma', (p) => (p.track !== 0 || p.rtcp || videoTs(p) < jumpAt ? p : rewrite(p, (v) => v.setUint32(4, (v.getUint32(4) - 5 * 90_000) >>> 0))));
    expect(backward.discontinuity).toMatchObject([{ kind: 'jump-backward', deltaClock: -5 * 90_000 + 3600 }]);
  });

  it('carries pts on across an SSRC change (a restarted camera stream) and reports it', () => {
    const { packets } = loadCapture('sim-h264-pcma');
    const ts0 = packets.find((p) => p.track === 0 && !p.rtcp)!.data.readUInt32BE(4);
    const restartAt = ts0 + 10 * 3600;
    const r = replay('sim-h264-pcma', (p) =>
      p.track !== 0 || p.rtcp || p.data.readUInt32BE(4) < restartAt
        ? p
        : rewrite(p, (v) => {
            v.setUint32(8, 0xdeadbeef);
            v.setUint32(4, (v.getUint32(4) + 0x7654_3210) >>> 0);
            v.setUint16(2, (v.getUint16(2) + 30_000) & 0xffff);
          }),
    );
    expect(r.discontinuity).toEqual([{ track: 'video', kind: 'ssrc-change', deltaClock: 0, clockRate: 90000 }]);
    expect(r.loss).toEqual([]);
    const pts = r.video.map((a) => a.pts90k);
    expect(pts.every((p, i) => i === 0 || p > pts[i - 1]!)).toBe(true);
    expect(pts[pts.length - 1]! - pts[0]!).toBeLessThan(30 * 3600);
  });
});
