import { describe, expect, it } from 'vitest';
import { renderMediaPlaylist } from '../../../media-gateway/src/packager/hls-playlist';
import type { SegmentView } from '../../../media-gateway/src/packager/packager-types';
import { parseLlPlaylist } from '../ll-hls-follower';
import { MediaClock, PartSequence, judgeParts, partsBetween, type PartRecord } from './part-accounting';

/**
 * The gateway's own playlist text for a stream of 1 s segments of five 0.2 s parts, `complete` finished segments
 * (from msn `first`) and `inProgress` parts of the next one, rendered by the packager's renderer.
 */
function playlist(first: number, complete: number, inProgress: number, opts: { partMs?: number[] } = {}) {
  const partMs = opts.partMs ?? [200, 200, 200, 200, 200];
  const seg = (msn: number, parts: number, done: boolean): SegmentView => ({
    msn,
    initGeneration: 0,
    discontinuity: false,
    programDateTimeMs: 0,
    durationSec: partMs.slice(0, parts).reduce((s, p) => s + p, 0) / 1000,
    complete: done,
    parts: partMs.slice(0, parts).map((ms, i) => ({ durationSec: ms / 1000, independent: i === 0 })),
  });
  const segments = Array.from({ length: complete }, (_, i) => seg(first + i, partMs.length, true));
  const next = first + complete;
  const text = renderMediaPlaylist({
    lowLatency: true,
    targetDuration: 1,
    partTargetSec: 0.2,
    segments,
    inProgress: seg(next, inProgress, false),
    discontinuitySequence: 0,
    preloadHint: { msn: next, part: inProgress },
  });
  return parseLlPlaylist(text);
}

describe('PartSequence', () => {
  it('joins at the newest part, then fetches each new part once and misses none while it keeps up', () => {
    const seq = new PartSequence();
    expect(seq.step(playlist(0, 1, 2)).fresh.map((p) => [p.msn, p.part])).toEqual([[1, 1]]);
    expect(seq.step(playlist(0, 1, 3))).toMatchObject({ fresh: [{ msn: 1, part: 2 }], missing: 0 });
    // The blocking reload for 1.3 answered late, with 1.3 and 1.4 and the segment complete and 2.0 out.
    const step = seq.step(playlist(0, 2, 1));
    expect(step.fresh.map((p) => [p.msn, p.part])).toEqual([[1, 3], [1, 4], [2, 0]]);
    expect(step.missing).toBe(0);
  });

  it('counts parts that slid out of the part window before the viewer came back as missing', () => {
    const seq = new PartSequence();
    seq.step(playlist(0, 1, 1)); // at 1.0
    // Four segments later: only segments ending within three target durations of the live edge list their parts
    // (2, 3, 4 and the open 5), so 1.1–1.4 can never be fetched as parts.
    const step = seq.step(playlist(0, 5, 1));
    expect(step.fresh[0]).toMatchObject({ msn: 2, part: 0 });
    expect(step.missing).toBe(4);
  });

  it('counts a gap inside the listed parts and nothing for a reply that brings no new part', () => {
    const seq = new PartSequence();
    seq.step(playlist(0, 1, 1));
    const pl = playlist(0, 1, 4);
    pl.parts.splice(pl.parts.findIndex((p) => p.msn === 1 && p.part === 2), 1); // 1.2 not listed
    expect(seq.step(pl)).toMatchObject({ missing: 1 });
    expect(seq.step(playlist(0, 1, 4))).toEqual({ fresh: [], missing: 0 });
  });

  it('partsBetween estimates a segment no longer listed from its duration over the part target', () => {
    const pl = playlist(0, 5, 1);
    expect(partsBetween({ msn: 0, part: 4 }, { msn: 2, part: 0 }, pl)).toBe(6); // all of 1 (5, estimated) + 2.0
  });
});

describe('MediaClock', () => {
  it('places a part by the segments before it and the parts before it in its segment', () => {
    const clock = new MediaClock();
    const pl = playlist(0, 2, 3, { partMs: [200, 200, 240, 200, 200] });
    clock.learn(pl);
    expect(clock.partEnd(pl, { msn: 2, part: 2 })).toBeCloseTo(2.08 + 0.64, 6);
    expect(clock.partEnd(pl, { msn: 1, part: 0 })).toBeCloseTo(1.04 + 0.2, 6);
  });

  it('knows nothing of a stream joined after segment 0 left the playlist', () => {
    const clock = new MediaClock();
    const pl = playlist(5, 3, 2);
    clock.learn(pl);
    expect(clock.partEnd(pl, { msn: 8, part: 1 })).toBeNull();
  });
});

describe('judgeParts', () => {
  const rule = { partTargetMs: 200, marginMs: 100, frameMs: 40 };
  const rec = (stream: number, mediaEndSec: number, partAt: number): PartRecord => ({ stream, msn: 0, part: 0, mediaEndSec, listedAt: partAt - 5, partAt });

  it('measures camera→part from the send of the part newest frame and calls a part late past PART-TARGET + margin', () => {
    // Session sent media time 0 at t = 10 000; a part ending at 1.2 s is due at 11 200 (its last frame went out at 11 160).
    const v = judgeParts([rec(0, 1.2, 11_260), rec(0, 1.4, 11_700), rec(0, 1.6, 11_901)], () => 10_000, rule);
    expect(v.cameraToPartMs).toEqual([100, 340, 341]);
    expect(v.late).toBe(1); // 11 901 − 11 600 = 301 ms > 300; 11 700 − 11 400 = 300 ms is on time
  });

  it('leaves parts without a place on the timeline or a known session start unjudged', () => {
    const v = judgeParts([rec(0, 1, 5000), rec(1, 1, 5000), { ...rec(0, 1, 5000), mediaEndSec: null }], (s) => (s === 0 ? 3000 : null), rule);
    expect(v).toEqual({ cameraToPartMs: [1040], late: 1, unjudged: 2 });
  });
});
