import { describe, expect, it } from 'vitest';
import { Mp4BoxError } from './mp4-box-reader';
import type { FragmentEvent } from './packager-types';
import { loopFragments, splitFixture } from './testing/fmp4-fixtures';
import { T0, harness, listedSegments, tagLines } from './testing/packager-harness';

const gop1 = splitFixture('gop1s.mp4');
const gop2 = splitFixture('gop2s.mp4');
const CLIP_TICKS = 51200; // 4 s at 12800 ticks/s

describe('HlsPackager segmentation', () => {
  it('has no playlist before the first part', () => {
    const h = harness();
    expect(h.packager.renderPlaylist()).toBeNull();
    h.feed([gop1.init]);
    expect(h.packager.renderPlaylist()).toBeNull();
  });

  it('cuts 1 s segments from a 1 s GOP, one part per fragment', () => {
    const h = harness();
    h.feed([gop1.init, ...gop1.fragments]);
    const playlist = h.packager.renderPlaylist() ?? '';
    expect(listedSegments(playlist)).toEqual([[0, 1], [1, 1], [2, 1]]);
    expect(tagLines(playlist, '#EXT-X-TARGETDURATION')).toEqual(['#EXT-X-TARGETDURATION:1']);
    // The 4th second is still in progress: 5 parts listed, the next one hinted.
    expect(tagLines(playlist, '#EXT-X-PART:').filter((l) => l.includes('part/3.'))).toHaveLength(5);
    expect(tagLines(playlist, '#EXT-X-PRELOAD-HINT')).toEqual(['#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part/3.5.m4s"']);
    // A segment is exactly its parts back to back.
    const parts = [0, 1, 2, 3, 4].map((i) => h.packager.getPart(1, i) as Buffer);
    expect(h.packager.getSegment(1)).toEqual(Buffer.concat(parts));
    expect(Buffer.concat(parts)).toEqual(Buffer.concat(gop1.fragments.slice(5, 10)));
  });

  it('cuts 2 s segments from a 2 s GOP (segments follow keyframes, not the target)', () => {
    const h = harness({ targetSegmentSec: 1 });
    h.feed([gop2.init, ...loopFragments(gop2.fragments, 2, CLIP_TICKS)]);
    const playlist = h.packager.renderPlaylist() ?? '';
    expect(listedSegments(playlist)).toEqual([[0, 2], [1, 2], [2, 2]]);
    expect(tagLines(playlist, '#EXT-X-TARGETDURATION')).toEqual(['#EXT-X-TARGETDURATION:2']);
    // 10 parts per segment, one independent each; segment 0 is 6 s (3 target durations) behind the edge: no parts.
    const independent = tagLines(playlist, '#EXT-X-PART:').filter((l) => l.includes('INDEPENDENT=YES'));
    expect(independent.map((l) => /part\/(\d+\.\d+)/.exec(l)?.[1])).toEqual(['1.0', '2.0', '3.0']);
    expect(tagLines(playlist, '#EXT-X-PART:')).toHaveLength(30);
  });

  it('drops leading fragments until the first keyframe', () => {
    const h = harness();
    h.feed([gop1.init, ...gop1.fragments.slice(1)]);
    expect(h.packager.stats().fragments).toBe(15);
    expect(h.packager.getPart(0, 0)).toEqual(gop1.fragments[5]);
    expect(listedSegments(h.packager.renderPlaylist() ?? '')).toEqual([[0, 1], [1, 1]]);
  });
});

describe('HlsPackager playlist text', () => {
  // Fragments arrive every 230 ms (a slow, bursty pipe), yet PROGRAM-DATE-TIME follows media time from the
  // first arrival: segments 1 and 2 are stamped T0+1 s and T0+2 s, not their arrival times.
  const fragments = [gop1.init, ...gop1.fragments.slice(0, 17)];
  const part = (msn: number, i: number): string =>
    `#EXT-X-PART:DURATION=0.200,URI="part/${msn}.${i}.m4s"${i === 0 ? ',INDEPENDENT=YES' : ''}`;
  const parts = (msn: number, n: number): string[] => Array.from({ length: n }, (_, i) => part(msn, i));

  it('renders the exact LL-HLS playlist', () => {
    const h = harness({ windowSegments: 2 });
    h.packager.push(fragments[0] as Buffer);
    h.feed(fragments.slice(1), 230);
    const expected = [
      '#EXTM3U',
      '#EXT-X-VERSION:9',
      '#EXT-X-TARGETDURATION:1',
      '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=6.000,PART-HOLD-BACK=0.600',
      '#EXT-X-PART-INF:PART-TARGET=0.200',
      '#EXT-X-MEDIA-SEQUENCE:1',
      '#EXT-X-DISCONTINUITY-SEQUENCE:0',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:21.000Z',
      ...parts(1, 5),
      '#EXTINF:1.000,',
      'seg/1.m4s',
      '#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:22.000Z',
      ...parts(2, 5),
      '#EXTINF:1.000,',
      'seg/2.m4s',
      '#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:23.000Z',
      ...parts(3, 2),
      '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part/3.2.m4s"',
      '',
    ].join('\n');
    expect(h.packager.renderPlaylist()).toBe(expected);
  });

  it('renders the exact plain live playlist when low latency is off', () => {
    const h = harness({ windowSegments: 2, lowLatency: false });
    h.packager.push(fragments[0] as Buffer);
    h.feed(fragments.slice(1), 230);
    expect(h.packager.renderPlaylist()).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:1',
        '#EXT-X-MEDIA-SEQUENCE:1',
        '#EXT-X-DISCONTINUITY-SEQUENCE:0',
        '#EXT-X-MAP:URI="init.mp4"',
        '#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:21.000Z',
        '#EXTINF:1.000,',
        'seg/1.m4s',
        '#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:22.000Z',
        '#EXTINF:1.000,',
        'seg/2.m4s',
        '',
      ].join('\n'),
    );
  });

  it('appends the query to every URI: map, parts, segments and preload hint', () => {
    const h = harness();
    h.feed([gop1.init, ...gop1.fragments]);
    for (const query of ['token=abc', '?token=abc']) {
      const playlist = h.packager.renderPlaylist({ query }) ?? '';
      const uriLines = playlist.split('\n').filter((l) => l && !l.startsWith('#'));
      const uriAttrs = [...playlist.matchAll(/URI="([^"]*)"/g)].map((m) => m[1] ?? '');
      expect(uriLines).toHaveLength(3);
      expect(uriAttrs).toHaveLength(1 + 15 + 1); // map, parts of the last 3 target durations, hint
      for (const uri of [...uriLines, ...uriAttrs]) expect(uri).toMatch(/^[^?]+\?token=abc$/);
    }
  });

  it('lists parts only for segments within three target durations of the live edge', () => {
    const h = harness();
    h.feed([gop1.init, ...gop1.fragments]);
    const playlist = h.packager.renderPlaylist() ?? '';
    // Live edge at 4 s: segment 0 ends 3 s before it, segments 1-3 are closer.
    expect(playlist).not.toContain('part/0.');
    expect(playlist).toContain('part/1.0.m4s');
  });
});

describe('HlsPackager window', () => {
  it('slides the window, keeps retained segments servable and never reuses a sequence number', () => {
    const h = harness({ windowSegments: 3, retainSegments: 2 });
    h.feed([gop1.init, ...loopFragments(gop1.fragments, 3, CLIP_TICKS)]);
    const playlist = h.packager.renderPlaylist() ?? '';
    expect(tagLines(playlist, '#EXT-X-MEDIA-SEQUENCE')).toEqual(['#EXT-X-MEDIA-SEQUENCE:8']);
    expect(listedSegments(playlist).map(([msn]) => msn)).toEqual([8, 9, 10]);
    expect(h.packager.stats()).toMatchObject({ segments: 5, latestMsn: 10 }); // memory: window + retain
    expect(h.packager.getSegment(6)).not.toBeNull(); // retained for slow clients, not listed
    expect(h.packager.getPart(6, 4)).not.toBeNull();
    expect(h.packager.getSegment(5)).toBeNull();
    expect(h.packager.getPart(5, 0)).toBeNull();
    expect(h.packager.getSegment(11)).toBeNull(); // still in progress
  });
});

describe('HlsPackager stats and errors', () => {
  it('reports fps, bitrate, codec and fragment events', () => {
    const h = harness();
    const events: FragmentEvent[] = [];
    const off = h.packager.onFragment((e) => events.push(e));
    h.feed([gop1.init, ...gop1.fragments]);
    const fragmentBytes = gop1.fragments.reduce((n, f) => n + f.length, 0);
    expect(h.packager.stats()).toEqual({
      fragments: 20,
      bytes: gop1.init.length + fragmentBytes,
      lastFragmentAt: T0 + 20 * 200,
      fps: 25,
      bitrateBps: Math.round((fragmentBytes * 8) / 4),
      codec: 'avc1.64000c',
      audioCodec: null,
      codecs: 'avc1.64000c',
      width: 320,
      height: 180,
      segments: 3,
      latestMsn: 2,
      lastError: null,
      gopSec: 1,
    });
    expect(events).toHaveLength(20);
    expect(events[5]).toEqual({ msn: 1, part: 0, durationSec: 0.2, independent: true, bytes: gop1.fragments[5]?.length, at: T0 + 6 * 200 });
    off();
    h.feed(loopFragments(gop1.fragments.slice(0, 1), 1, CLIP_TICKS));
    expect(events).toHaveLength(20);
  });

  it('throws on garbage, then ignores input until discontinuity()', () => {
    const h = harness();
    h.feed([gop1.init, ...gop1.fragments.slice(0, 3)]);
    expect(() => h.packager.push(Buffer.alloc(16, 0xff))).toThrow(Mp4BoxError);
    expect(h.packager.stats().lastError).toMatch(/box/);
    expect(() => h.packager.push(gop1.fragments[3] as Buffer)).not.toThrow();
    expect(h.packager.stats().fragments).toBe(3);
    h.packager.discontinuity();
    h.feed([gop1.init, ...gop1.fragments]);
    expect(h.packager.stats()).toMatchObject({ fragments: 23, lastError: null });
  });
});
