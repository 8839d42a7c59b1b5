/**
 * The receive path against GStreamer's payloaders (a third-party RTP implementation) with aggregation on: STAP-A
 * (RFC 6184 §5.7.1) and H.265 aggregation packets (RFC 7798 §4.4.2), parameter sets only in-band.
 */
import { describe, expect, it } from 'vitest';
import { decodedFrames, h264Types, h265Types, loadCapture, replayCapture } from '../../../tests/helpers/rtp-replay';

describe('GStreamer rtph264pay / rtph265pay captures', () => {
  it('reads STAP-A packets into decodable H.264 access units, one copy of each parameter set', () => {
    const { packets } = loadCapture('gst-h264-stap');
    expect(packets.filter((p) => (p.data[12]! & 0x1f) === 24).length).toBeGreaterThan(20);
    const r = replayCapture('gst-h264-stap');
    expect(r.video).toHaveLength(30);
    expect(r.loss).toEqual([]);
    expect(r.video.filter((a) => a.key).map((a) => a.pts90k)).toEqual([0, 90000]);
    expect(r.video.map((a) => a.pts90k)).toEqual(r.video.map((_, i) => i * 3600));
    const key = h264Types(r.video[0]!);
    expect(key.filter((t) => t === 7)).toHaveLength(1);
    expect(key.filter((t) => t === 8)).toHaveLength(1);
    expect(decodedFrames(r.video, 'h264')).toBe(30);
  });

  it('reads H.265 aggregation packets and FUs into decodable access units', () => {
    const { packets } = loadCapture('gst-h265-ap');
    expect(packets.some((p) => ((p.data[12]! >> 1) & 0x3f) === 48)).toBe(true);
    const r = replayCapture('gst-h265-ap');
    expect(r.video).toHaveLength(30);
    expect(r.video.filter((a) => a.key).map((a) => a.pts90k)).toEqual([0, 90000]);
    expect(h265Types(r.video[0]!).filter((t) => t >= 32 && t <= 34)).toEqual([32, 33, 34]);
    expect(decodedFrames(r.video, 'hevc')).toBe(30);
  });
});
