import { describe, expect, it } from 'vitest';
import { clipFromAnnexB, type Clip, type SimProfile } from './clip';
import { PlaybackStream, type PacedSink } from './pacer';
import { cellKey, type PtzCell } from './ptz-state';
import { PtzClipSwitcher, type PtzClipSource } from './ptz-switcher';
import { parseRtpHeader } from './rtp-h264';

const sc = [0, 0, 0, 1];
/** 8 frames, keyframe every 4; each frame's payload byte = tag + its index. */
function testClip(tag: number): Clip {
  const nals: number[][] = [];
  for (let i = 0; i < 8; i++) {
    if (i % 4 === 0) nals.push([0x67, 0x4d, 0x40, 0x1e], [0x68, 0xee], [0x65, 0x88, tag + i, 0x21]);
    else nals.push([0x41, 0x9a, tag + i, 0x21]);
  }
  return clipFromAnnexB(Buffer.from(nals.flatMap((n) => [...sc, ...n])), { profile: 'sub', width: 8, height: 8, fps: 25, gop: 4 });
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
  frames(): number[] {
    return this.packets.filter((p) => p.marker).map((p) => p.payload[2] ?? -1);
  }
}

/** Clip per cell (tag = 100 × column); loads resolve when the test says so; counts references. */
class FakeSource implements PtzClipSource {
  refs = new Map<string, number>();
  private waiting: Array<() => void> = [];
  manual = false;
  acquire(_i: number, _p: SimProfile, cell?: PtzCell): Promise<Clip> {
    const k = cellKey(cell!);
    this.refs.set(k, (this.refs.get(k) ?? 0) + 1);
    const clip = testClip(cell!.col * 100);
    if (!this.manual) return Promise.resolve(clip);
    return new Promise((resolve) => this.waiting.push(() => resolve(clip)));
  }
  release(_i: number, _p: SimProfile, cell?: PtzCell): void {
    const k = cellKey(cell!);
    this.refs.set(k, (this.refs.get(k) ?? 0) - 1);
  }
  resolveAll(): void {
    for (const w of this.waiting.splice(0)) w();
  }
  held(): Record<string, number> {
    return Object.fromEntries([...this.refs].filter(([, n]) => n !== 0));
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PTZ clip switching', () => {
  it('switches clips only at a keyframe, once loaded, with RTP timestamps running on', async () => {
    const source = new FakeSource();
    let cell: PtzCell = { col: 1, row: 1, zoom: 0 };
    const sw = await PtzClipSwitcher.start(source, 3, 'sub', () => cell);
    const sink = new FakeSink();
    const s = new PlaybackStream({ clip: sw.clip, sink, channel: 0, selectClip: () => sw.select() });
    const info = s.play(0);
    s.pump(0);
    source.manual = true;
    cell = { col: 2, row: 1, zoom: 0 }; // the head moved right
    s.pump(40 * 5); // frames 1..5: keyframe at 4 asks, the clip is still encoding → stays
    source.resolveAll();
    await tick();
    s.pump(40 * 9); // frames 6..9: the keyframe at 8 switches
    expect(sink.frames()).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 200, 201]);
    const ts = sink.packets.filter((p) => p.marker).map((p) => (p.timestamp - info.rtptime + 2 ** 32) % 2 ** 32);
    expect(ts).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => n * 3600));
    const seqs = sink.packets.map((p) => p.sequenceNumber);
    seqs.forEach((q, i) => i > 0 && expect(q).toBe(((seqs[i - 1] ?? 0) + 1) & 0xffff));
    expect(sw.switches).toBe(1);
    expect(source.held()).toEqual({ c2r1z0: 1 });
    sw.close();
    expect(source.held()).toEqual({});
  });

  it('drops a clip it no longer wants (the head moved on before it loaded) without leaking references', async () => {
    const source = new FakeSource();
    let cell: PtzCell = { col: 1, row: 1, zoom: 0 };
    const sw = await PtzClipSwitcher.start(source, 3, 'sub', () => cell);
    source.manual = true;
    cell = { col: 2, row: 1, zoom: 0 };
    sw.select();
    cell = { col: 0, row: 1, zoom: 0 };
    sw.select();
    source.resolveAll();
    await tick();
    expect(sw.select().accessUnits[0]!.nals.at(-1)![2]).toBe(0); // column 0's clip
    cell = { col: 0, row: 1, zoom: 0 };
    expect(source.held()).toEqual({ c0r1z0: 1 });
    sw.close();
    expect(source.held()).toEqual({});
  });
});
