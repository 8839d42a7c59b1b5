// The start of a real RTSP ingest run (fixtures captured from the simulator with the gateway's own ffmpeg command
// line, see tests/fixtures/media/make-start-fixtures.ts) goes through the packager: what it serves must have
// regular timestamps from the first frame on (README: "How the start of a run is repaired").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FFPROBE, ffmpegAvailable } from './testing/av-fixtures';
import { seededRandom, splitFixture } from './testing/fmp4-fixtures';
import type { FixtureName } from './testing/fmp4-fixtures';
import { harness, listedSegments, tagLines } from './testing/packager-harness';
import { checkPlaylist } from './testing/playlist-validator';
import { trackTimeline } from './testing/timeline';

const FRAME = 3600; // 25 fps at 90 kHz
const GOP = 25; // the simulator's 1 s GOP

interface Case {
  fixture: FixtureName;
  /** Sum of the first GOP's sample durations as ffmpeg wrote them (the defect, for the record). */
  firstGopSecAsCaptured: number;
  /** PTS of the first frame shown: the reorder delay with B-frames (composition offsets stay ≥ 0). */
  firstPts: number;
  /** What every later tfdt of the run moves by. */
  shift: number;
  /** Frames in the first part: the head split off a first fragment that the repair made longer than ffmpeg cut it. */
  firstPartFrames: number;
}

const CASES: Case[] = [
  { fixture: 'rtsp-start-nob.mp4', firstGopSecAsCaptured: 0.96, firstPts: 0, shift: FRAME, firstPartFrames: 1 },
  { fixture: 'rtsp-start-bframes.mp4', firstGopSecAsCaptured: 0.88, firstPts: FRAME, shift: 3 * FRAME, firstPartFrames: 3 },
  { fixture: 'rtsp-start-bframes-aac.mp4', firstGopSecAsCaptured: 1, firstPts: FRAME, shift: 0, firstPartFrames: 5 },
];

function packaged(fixture: FixtureName, runs = 1) {
  const { init, fragments } = splitFixture(fixture);
  const h = harness();
  for (let i = 0; i < runs; i++) {
    if (i > 0) h.packager.discontinuity();
    h.feed([init, ...fragments]);
  }
  return { init, fragments, packager: h.packager };
}

/** The fragments the packager serves, in order: complete segments, then the parts of the open one. */
function served(p: ReturnType<typeof packaged>['packager'], fromMsn = 0): Buffer[] {
  const out: Buffer[] = [];
  for (let msn = fromMsn; ; msn++) {
    const seg = p.getSegment(msn);
    if (seg) {
      out.push(seg);
      continue;
    }
    for (let part = 0; p.getPart(msn, part); part++) out.push(p.getPart(msn, part) as Buffer);
    return out;
  }
}

describe.each(CASES)('start of an RTSP run: $fixture', ({ fixture, firstGopSecAsCaptured, firstPts, shift, firstPartFrames }) => {
  const { init, fragments, packager } = packaged(fixture);
  const captured = trackTimeline(init, fragments);
  const out = trackTimeline(init, served(packager));

  it('the capture shows the defect (or, with audio, only a misplaced keyframe)', () => {
    const firstGop = captured.samples.slice(0, GOP).reduce((sum, s) => sum + s.duration, 0);
    expect(firstGop / 90000).toBeCloseTo(firstGopSecAsCaptured, 6);
    expect(Math.min(...captured.samples.slice(0, GOP).map((s) => s.pts))).toBe(0);
  });

  it('first segment: 25 frames of 40 ms, EXTINF 1.000', () => {
    const playlist = packager.renderPlaylist() ?? '';
    expect(listedSegments(playlist)[0]).toEqual([0, 1]);
    expect(tagLines(playlist, '#EXTINF:')[0]).toBe('#EXTINF:1.000,');
    // Unrepaired, a 0.88 s first GOP is under the 90 % cut threshold: segment 0 ran on to 1.88 s, TARGETDURATION 2.
    expect(tagLines(playlist, '#EXT-X-TARGETDURATION')).toEqual(['#EXT-X-TARGETDURATION:1']);
    expect(out.samples.slice(0, GOP).map((s) => s.duration)).toEqual(Array(GOP).fill(FRAME));
  });

  it('DTS run on without gaps from tfdt to tfdt, PTS are the true presentation times, offsets ≥ 0', () => {
    out.samples.forEach((s, k) => {
      if (k > 0) expect(s.dts).toBe((out.samples[k - 1] as { dts: number }).dts + FRAME);
      expect(s.pts).toBeGreaterThanOrEqual(s.dts);
    });
    // Frame k (presentation order) at firstPts + k × 40 ms (up to the last frame whose B-frames were captured).
    const pts = out.samples.map((s) => s.pts).sort((a, b) => a - b).slice(0, GOP + 10);
    expect(pts).toEqual(pts.map((_, k) => firstPts + k * FRAME));
    expect(out.samples[0]?.dts).toBe(0);
  });

  it(`every later tfdt of the run moves by the same ${shift} ticks`, () => {
    const split = firstPartFrames < trackTimeline(init, fragments.slice(0, 1)).samples.length ? 1 : 0; // the head part
    expect(out.tfdt[0]).toBe(captured.tfdt[0]);
    const later = out.tfdt.slice(1 + split);
    expect(later).toEqual(captured.tfdt.slice(1, 1 + later.length).map((t) => t + shift));
    expect(later.length).toBeGreaterThan(3);
  });

  it(`parts stay within the configured PART-TARGET: the first is ${firstPartFrames} frame(s), INDEPENDENT`, () => {
    const playlist = packager.renderPlaylist() ?? '';
    expect(checkPlaylist(playlist)).toEqual([]);
    expect(tagLines(playlist, '#EXT-X-PART-INF')).toEqual(['#EXT-X-PART-INF:PART-TARGET=0.200']);
    expect(trackTimeline(init, [packager.getPart(0, 0) as Buffer]).samples).toHaveLength(firstPartFrames);
    expect(tagLines(playlist, '#EXT-X-PART:')[0]).toContain('INDEPENDENT=YES');
  });
});

describe('start of an RTSP run with audio', () => {
  it('the audio track is left as it came: no shift was needed to keep it in sync', () => {
    const { init, fragments, packager } = packaged('rtsp-start-bframes-aac.mp4');
    const servedFragments = served(packager);
    const before = trackTimeline(init, fragments, 'audio');
    const after = trackTimeline(init, servedFragments, 'audio');
    expect(after.tfdt).toEqual(before.tfdt.slice(0, after.tfdt.length));
    expect(after.samples).toEqual(before.samples.slice(0, after.samples.length));
    // Only the first moof changed (the keyframe's composition offset); every later fragment is byte-identical.
    const bytes = Buffer.concat(servedFragments);
    expect(bytes.subarray(fragments[0]?.length).equals(Buffer.concat(fragments.slice(1)).subarray(0, bytes.length - (fragments[0]?.length ?? 0)))).toBe(true);
  });
});

describe('start of an RTSP run in pipe-sized chunks', () => {
  it('the same bytes are served whatever the chunking (boxes are held across chunk boundaries)', () => {
    const { init, fragments, packager: whole } = packaged('rtsp-start-bframes.mp4');
    const bytes = Buffer.concat([init, ...fragments]);
    const random = seededRandom(11);
    const h = harness();
    for (let at = 0; at < bytes.length; ) {
      const n = 1 + Math.floor(random() * 5000);
      h.packager.push(Buffer.from(bytes.subarray(at, at + n)));
      at += n;
    }
    expect(h.packager.getSegment(0)?.equals(whole.getSegment(0) as Buffer)).toBe(true);
    expect(served(h.packager)).toEqual(served(whole));
  });
});

describe('start of an RTSP run after an ingest restart', () => {
  it('the second run is repaired as well', () => {
    const { init, packager } = packaged('rtsp-start-bframes.mp4', 2);
    const playlist = packager.renderPlaylist() ?? '';
    const segments = listedSegments(playlist);
    expect(segments.map(([, sec]) => sec)).toEqual([1, 0.6, 1]); // run 1: GOP 1 + 15 frames of GOP 2; run 2: GOP 1
    const second = trackTimeline(init, served(packager, 2));
    const pts = second.samples.map((s) => s.pts).sort((a, b) => a - b).slice(0, GOP + 10);
    expect(pts).toEqual(pts.map((_, k) => FRAME + k * FRAME));
  });
});

describe.skipIf(!ffmpegAvailable)('start of an RTSP run, read by ffprobe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'start-repair-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CASES)('$fixture: frames in presentation order at k × 40 ms from the first', ({ fixture, firstPts }) => {
    const { init, packager } = packaged(fixture);
    const file = join(dir, fixture);
    writeFileSync(file, Buffer.concat([init, packager.getSegment(0) as Buffer]));
    const out = execFileSync(FFPROBE, ['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=pts', '-of', 'csv=p=0', file]).toString();
    const pts = out.split('\n').filter(Boolean).map((l) => Number.parseInt(l, 10));
    expect(pts).toEqual(Array.from({ length: GOP }, (_, k) => firstPts + k * FRAME));
  });
});
