import { describe, expect, it } from 'vitest';
import { blockRect, decodeFrameIndex, patternBits } from '../sim/frame-index-pattern';
import { frameSentAt, type SessionTiming } from '../sim/frame-timing';
import { glassToGlass, latenciesBetween, mergeSessions, stallSummary, type PresentedFrame } from './g2g-analysis';

const W = 160;
const H = 90;

/** A canvas readout (RGBA) of a camera-coloured picture carrying frame `index`, as the page gets it. */
function canvas(index: number): Uint8ClampedArray {
  const px = new Uint8ClampedArray(W * H * 4);
  for (let o = 0; o < px.length; o += 4) px.set([40, 120, 200, 255], o);
  patternBits(index).forEach((bit, i) => {
    const r = blockRect(i, W, H);
    for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) px.set(bit ? [235, 235, 235] : [16, 16, 16], (y * W + x) * 4);
  });
  return px;
}

const session = (over: Partial<SessionTiming> = {}): SessionTiming => ({
  stream: 'sub', transport: 'tcp', playing: true, startedAt: 100_000, fps: 25, clipFrames: 100, firstClipFrame: 0, sendOrder: null, ...over,
});

/** What the page records: each clip frame shown `delayMs` after the simulator sent it, decoded off its canvas. */
function shown(t: SessionTiming, frames: Array<[clipFrame: number, loop: number]>, delayMs: number): PresentedFrame[] {
  return frames.map(([f, loop]) => ({ index: decodeFrameIndex(canvas(f), W, H, 4), displayMs: frameSentAt(t, f, loop)! + delayMs }));
}

describe('glass-to-glass analysis', () => {
  it('turns decoded frame indices and display times into latencies, across clip loops', () => {
    const t = session();
    const frames = shown(t, [[0, 0], [50, 0], [99, 0], [0, 1], [1, 1], [37, 5]], 850);
    expect(frames.map((f) => f.index)).toEqual([0, 50, 99, 0, 1, 37]);
    const r = glassToGlass(frames, [t], 'sub');
    expect(r.latenciesMs.map(Math.round)).toEqual([850, 850, 850, 850, 850, 850]);
    expect(r.unreadable).toBe(0);
    expect(r.unmatched).toBe(0);
  });

  it('counts unreadable frames and frames no session had sent by then', () => {
    const t = session();
    const plain = new Uint8ClampedArray(W * H * 4).fill(128);
    const frames: PresentedFrame[] = [
      { index: decodeFrameIndex(plain, W, H, 4), displayMs: 101_000 },
      { index: 30, displayMs: 101_000 }, // frame 30 of loop 0 goes out at 101 200
      ...shown(t, [[10, 0]], 700),
    ];
    const r = glassToGlass(frames, [t], 'sub');
    expect(r.unreadable).toBe(1);
    expect(r.unmatched).toBe(1);
    expect(r.latenciesMs.map(Math.round)).toEqual([700]);
  });

  it('maps frames to the session that was sending them when the pipeline restarted, and ignores the other stream', () => {
    const first = session();
    const second = session({ startedAt: 130_020, firstClipFrame: 50 });
    const main = session({ stream: 'main', startedAt: 129_000 });
    const frames = [...shown(first, [[20, 2]], 900), ...shown(second, [[60, 0]], 600)];
    const r = glassToGlass(frames, mergeSessions([first, main], [first, second, main]), 'sub');
    expect(r.latenciesMs.map(Math.round)).toEqual([900, 600]);
    expect(latenciesBetween(r, 130_000, Infinity).map(Math.round)).toEqual([600]);
  });

  it('sums stalled time, an unfinished stall up to the end', () => {
    expect(stallSummary([{ startMs: 1000, endMs: 1400 }, { startMs: 5000, endMs: null }], 5600)).toEqual({ count: 2, stalledSec: 1 });
    expect(stallSummary([], 5600)).toEqual({ count: 0, stalledSec: 0 });
  });
});
