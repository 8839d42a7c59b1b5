import { describe, expect, it } from 'vitest';
import type { VideoAccessUnit } from '../../../contracts/src/media-units';
import { DecodeTimeline, TIMELINE_ORIGIN_90K, declaredReorderDepth, type TimedAccessUnit } from './decode-timeline';

const F = 3600; // 25 fps
const au = (pts: number, key = false): VideoAccessUnit => ({ track: 'video', codec: 'h264', pts90k: pts, nalus: [new Uint8Array([1])], key });

/** Presentation indices in decode order → access units at 25 fps starting at `start`. */
const stream = (order: number[], start = 0): VideoAccessUnit[] => order.map((i, k) => au(start + i * F, k === 0));

function run(t: DecodeTimeline, units: VideoAccessUnit[]): TimedAccessUnit[] {
  const out: TimedAccessUnit[] = [];
  for (const u of units) {
    const r = t.push(u);
    if (!r.ok) throw new Error(`reorder grew to ${r.reorderDepth}`);
    out.push(...r.units);
  }
  return out;
}

function expectValid(out: TimedAccessUnit[]): void {
  for (let i = 0; i < out.length; i++) {
    const { au: a, dts90k } = out[i]!;
    expect(dts90k).toBeGreaterThanOrEqual(0);
    expect(dts90k).toBeLessThanOrEqual(a.pts90k);
    if (i > 0) expect(dts90k).toBeGreaterThan(out[i - 1]!.dts90k);
  }
}

describe('DecodeTimeline', () => {
  it('without reordering, DTS is the PTS on the output timeline and nothing is held back', () => {
    const t = new DecodeTimeline(0);
    const units = stream([0, 1, 2, 3, 4], 123_456);
    const out: TimedAccessUnit[] = [];
    for (const u of units) {
      const r = t.push(u);
      expect(r.ok && r.units.length).toBe(1);
      if (r.ok) out.push(...r.units);
    }
    expect(out.map((o) => o.dts90k)).toEqual([0, 1, 2, 3, 4].map((i) => TIMELINE_ORIGIN_90K + i * F));
    expect(out.map((o) => o.au.pts90k)).toEqual(out.map((o) => o.dts90k));
  });

  it('with one B-frame between references (I P B P B), DTS runs one frame behind and stays ≤ PTS', () => {
    const order = [0, 2, 1, 4, 3, 6, 5, 8, 7];
    const out = run(new DecodeTimeline(1), stream(order));
    // Held back one access unit: the last one waits for the next.
    expect(out).toHaveLength(order.length - 1);
    expectValid(out);
    expect(out.map((o) => (o.au.pts90k - TIMELINE_ORIGIN_90K) / F)).toEqual(order.slice(0, -1));
    // DTS_k = the (k−1)-th smallest PTS: -1, 0, 1, 2, … frames.
    expect(out.map((o) => (o.dts90k - TIMELINE_ORIGIN_90K) / F)).toEqual([-1, 0, 1, 2, 3, 4, 5, 6]);
  });

  it('with a B-pyramid (depth 2) every sample keeps DTS ≤ PTS and a steady frame step', () => {
    const order = [0, 4, 2, 1, 3, 8, 6, 5, 7, 12, 10, 9, 11];
    const out = run(new DecodeTimeline(2), stream(order));
    expectValid(out);
    const steps = out.slice(1).map((o, i) => o.dts90k - out[i]!.dts90k);
    expect(new Set(steps)).toEqual(new Set([F]));
  });

  it('a stream that did not declare its depth reports the depth its first reordered picture shows', () => {
    const t = new DecodeTimeline(0, true);
    const [i0, p4, b2] = stream([0, 4, 2]);
    expect(t.push(i0!).ok).toBe(true);
    expect(t.push(p4!).ok).toBe(true);
    expect(t.push(b2!)).toEqual({ ok: false, reorderDepth: 1 });
    // B-pyramid (0 8 4 2 …): learnt as 1 at picture 4, then picture 2 overtakes two decoded pictures (8 and 4).
    const learner = new DecodeTimeline(1, true);
    for (const u of stream([0, 8, 4])) expect(learner.push(u).ok).toBe(true);
    expect(learner.push(au(2 * F))).toEqual({ ok: false, reorderDepth: 2 });
    // A declared depth is trusted: no report.
    expect(new DecodeTimeline(0).push(au(0)).ok).toBe(true);
  });

  it('after a timestamp jump (rebase) the timeline continues one frame after the latest picture', () => {
    const t = new DecodeTimeline(0);
    const before = run(t, stream([0, 1, 2]));
    t.rebase();
    const after = run(t, stream([0, 1], 50 * 90_000));
    expect(after.map((o) => o.dts90k)).toEqual([before[2]!.dts90k + F, before[2]!.dts90k + 2 * F]);
    // and backwards too
    t.rebase();
    const back = run(t, stream([0], 10));
    expect(back[0]!.dts90k).toBe(after[1]!.dts90k + F);
  });

  it('repeated presentation times (a broken camera) still give a strictly increasing DTS ≤ PTS', () => {
    const out = run(new DecodeTimeline(0), [au(0, true), au(F), au(F), au(2 * F)]);
    expectValid(out);
    expect(out[2]!.dts90k).toBe(out[1]!.dts90k + 1);
  });
});

describe('declaredReorderDepth', () => {
  it('reads the SPS: H.265 always, H.264 from the VUI, POC type 2 or Baseline as 0, else unknown', () => {
    expect(declaredReorderDepth({ codec: 'h265', maxNumReorderPics: 2 })).toBe(2);
    expect(declaredReorderDepth({ codec: 'h264', profileIdc: 100, pocType: 0, maxNumReorderFrames: 1 })).toBe(1);
    expect(declaredReorderDepth({ codec: 'h264', profileIdc: 77, pocType: 2, maxNumReorderFrames: null })).toBe(0);
    expect(declaredReorderDepth({ codec: 'h264', profileIdc: 66, pocType: 0, maxNumReorderFrames: null })).toBe(0);
    expect(declaredReorderDepth({ codec: 'h264', profileIdc: 100, pocType: 0, maxNumReorderFrames: null })).toBeNull();
  });
});
