import { describe, expect, it } from 'vitest';
import { clipFromAnnexB, type Clip } from './clip';
import { PlaybackStream, type PacedSink } from './pacer';
import { parseRtpHeader } from './rtp-h264';

const sc = [0, 0, 0, 1];
/** 8 frames, keyframe every 4, each frame's payload byte = its index. */
function testClip(presentationOrder?: number[]): Clip {
  const nals: number[][] = [];
  for (let i = 0; i < 8; i++) {
    nals.push([0x09, 0xf0]);
    if (i % 4 === 0) nals.push([0x67, 0x4d, 0x40, 0x1e], [0x68, 0xee], [0x65, 0x88, i, 0x21]);
    else nals.push([0x41, 0x9a, i, 0x21]);
  }
  return clipFromAnnexB(Buffer.from(nals.flatMap((n) => [...sc, ...n])), { profile: 'sub', width: 8, height: 8, fps: 25, gop: 4, ...(presentationOrder ? { presentationOrder } : {}) });
}

class FakeSink implements PacedSink {
  writableLength = 0;
  destroyed = false;
  readonly packets: Array<ReturnType<typeof parseRtpHeader>> = [];
  write(data: Buffer): boolean {
    for (let o = 0; o < data.length; ) {
      const len = data.readUInt16BE(o + 2);
      this.packets.push(parseRtpHeader(data.subarray(o + 4, o + 4 + len)));
      o += 4 + len;
    }
    return true;
  }
  /** Clip frame index of each marker packet's access unit. */
  frames(): number[] {
    return this.packets.filter((p) => p.marker).map((p) => p.payload[2] ?? -1);
  }
}

describe('PlaybackStream', () => {
  it('sends due frames from its start time, looping with ever-increasing timestamps', () => {
    const clip = testClip();
    const sink = new FakeSink();
    const s = new PlaybackStream({ clip, sink, channel: 0 });
    const info = s.play(1000);
    s.pump(1000); // frame 0 due at once
    expect(sink.frames()).toEqual([0]);
    expect(sink.packets[0]?.sequenceNumber).toBe(info.seq);
    expect(sink.packets[0]?.timestamp).toBe(info.rtptime);
    s.pump(1000 + 40 * 9 + 1); // frames 1..9 due: loops past the clip end
    expect(sink.frames()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1]);
    const ts = sink.packets.filter((p) => p.marker).map((p) => (p.timestamp - info.rtptime + 2 ** 32) % 2 ** 32);
    expect(ts).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => n * 3600));
    const seqs = sink.packets.map((p) => p.sequenceNumber);
    seqs.forEach((q, i) => i > 0 && expect(q).toBe(((seqs[i - 1] ?? 0) + 1) & 0xffff));
  });

  it('starts at a keyframe', () => {
    const sink = new FakeSink();
    const s = new PlaybackStream({ clip: testClip(), sink, channel: 0, startFrame: 6 });
    s.play(0);
    s.pump(0);
    expect(sink.frames()).toEqual([4]);
  });

  it('skips to the next keyframe while the socket is backed up', () => {
    const sink = new FakeSink();
    const s = new PlaybackStream({ clip: testClip(), sink, channel: 0, backpressureBytes: 100 });
    s.play(0);
    s.pump(0);
    sink.writableLength = 1000;
    s.pump(40 * 2); // frames 1, 2 skipped
    sink.writableLength = 0;
    s.pump(40 * 5); // frame 3 skipped (not a keyframe), 4 and 5 sent
    expect(sink.frames()).toEqual([0, 4, 5]);
    expect(s.framesSkipped).toBe(3);
  });

  it('sends nothing while held and resumes at a keyframe', () => {
    let held = false;
    const sink = new FakeSink();
    const s = new PlaybackStream({ clip: testClip(), sink, channel: 0, isHeld: () => held });
    s.play(0);
    s.pump(0);
    held = true;
    s.pump(40 * 5);
    expect(sink.frames()).toEqual([0]);
    held = false;
    s.pump(40 * 9);
    expect(sink.frames()).toEqual([0, 0, 1]); // frames 6, 7 skipped; clip frame 0 (= stream frame 8) is a keyframe
  });

  it('stamps B-frames with their presentation time: non-monotonic in decode order, as RFC 6184 requires', () => {
    // decode order I0 P3 B1 B2 | I4 P7 B5 B6: presentation indices per decode position
    const clip = testClip([0, 3, 1, 2, 4, 7, 5, 6]);
    const sink = new FakeSink();
    const s = new PlaybackStream({ clip, sink, channel: 0 });
    const info = s.play(0);
    s.pump(40 * 9);
    const ts = sink.packets.filter((p) => p.marker).map((p) => (p.timestamp - info.rtptime + 2 ** 32) % 2 ** 32);
    expect(ts).toEqual([0, 3, 1, 2, 4, 7, 5, 6, 8, 11].map((n) => n * 3600));
  });

  it('jumps the RTP clock forward once per loop on a ts-jump camera', () => {
    const sink = new FakeSink();
    const s = new PlaybackStream({ clip: testClip(), sink, channel: 0, jumpPerLoopTicks: 900_000 });
    const info = s.play(0);
    s.pump(40 * 17);
    const ts = sink.packets.filter((p) => p.marker).map((p) => (p.timestamp - info.rtptime + 2 ** 32) % 2 ** 32);
    expect(ts.slice(6, 10)).toEqual([6 * 3600, 7 * 3600, 8 * 3600 + 900_000, 9 * 3600 + 900_000]);
    expect(ts[16]).toBe(16 * 3600 + 1_800_000);
    expect(s.timestampAt(40 * 17)).toBe((info.rtptime + 17 * 3600 + 1_800_000) % 2 ** 32);
  });
});
