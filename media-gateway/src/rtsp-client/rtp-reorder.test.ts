import { describe, expect, it } from 'vitest';
import { replayCapture, type Packet } from '../../../tests/helpers/rtp-replay';
import type { RtpPacket } from './rtp-packet';
import { ReorderBuffer } from './rtp-reorder';

const pkt = (sequence: number): RtpPacket => ({ payloadType: 96, marker: false, sequence, timestamp: 0, ssrc: 1, payload: new Uint8Array(0) });
const seqs = (b: ReorderBuffer, list: number[], at: (i: number) => number = () => 0): number[][] => list.map((s, i) => b.push(pkt(s), at(i)).map((p) => p.sequence));

describe('ReorderBuffer', () => {
  it('holds a packet that overtook another until the gap fills, across the 16-bit wrap', () => {
    expect(seqs(new ReorderBuffer(), [65534, 0, 65535, 1])).toEqual([[65534], [], [65535, 0], [1]]);
  });

  it('gives a gap up after the window or the hold time, and lets late packets through for the tracker to drop', () => {
    expect(seqs(new ReorderBuffer(2, 1000), [1, 3, 4, 5, 2])).toEqual([[1], [], [], [3, 4, 5], [2]]);
    expect(seqs(new ReorderBuffer(32, 40), [1, 3, 4], (i) => i * 40)).toEqual([[1], [], [3, 4]]);
  });

  it('follows a restart confirmed by the next packet', () => {
    expect(seqs(new ReorderBuffer(), [1, 2, 40_000, 40_001, 40_003, 40_002])).toEqual([[1], [2], [40_000], [40_001], [], [40_002, 40_003]]);
  });
});

describe('TrackReceiver with reordering (UDP)', () => {
  /** Swaps every 4th video packet with the one after it. */
  const swapVideo = (packets: Packet[]): Packet[] => {
    const out = [...packets];
    const video = out.map((p, i) => (p.track === 0 && !p.rtcp ? i : -1)).filter((i) => i >= 0);
    for (let k = 0; k + 1 < video.length; k += 4) {
      const [a, b] = [video[k]!, video[k + 1]!];
      [out[a], out[b]] = [out[b]!, out[a]!];
    }
    return out;
  };

  it('restores order so no access unit is lost; without it the same input loses units', () => {
    const clean = replayCapture('sim-h264-bframes-pcma');
    const reordered = replayCapture('sim-h264-bframes-pcma', undefined, { reorder: true, reorderList: swapVideo });
    expect(reordered.loss).toEqual([]);
    expect(reordered.video.map((a) => [a.pts90k, a.nalus.length])).toEqual(clean.video.map((a) => [a.pts90k, a.nalus.length]));
    const unordered = replayCapture('sim-h264-bframes-pcma', undefined, { reorder: false, reorderList: swapVideo });
    expect(unordered.video.length).toBeLessThan(clean.video.length);
  });
});
