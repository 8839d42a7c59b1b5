// Every playlist the packager can produce, reload after reload, through the strict RFC 8216 / LL-HLS checker,
// on each stream shape we meet: 1, 2 and 4 s GOPs, a GOP that grows after the first segment, and an ingest restart.
import { describe, expect, it } from 'vitest';
import { parseFragment } from './fmp4-parser';
import type { HlsPackager } from './hls-packager';
import { loopFragments, shiftFragment, splitFixture } from './testing/fmp4-fixtures';
import { harness, listedSegments, tagLines } from './testing/packager-harness';
import { PlaylistChecker, checkPlaylist } from './testing/playlist-validator';

const gop1 = splitFixture('gop1s.mp4');
const gop2 = splitFixture('gop2s.mp4');
const gop4 = splitFixture('gop4s-160x90.mp4');
const other = splitFixture('gop1s-256x144.mp4');
const CLIP_TICKS = 51200; // 4 s at 12800 ticks/s
const GOP4_TICKS = 102400; // the 8 s GOP-4 clip

/** Whether a listed part's bytes start with a sync sample: the ground truth for INDEPENDENT=YES. */
const keyframeProbe = (packager: HlsPackager) => (uri: string) => {
  const bytes = packager.getResource(uri.replace(/\?.*$/, ''));
  return bytes ? parseFragment(bytes).firstSampleIsSync : undefined;
};

/** Pushes fragments one at a time and checks the playlist after each (every reload a client could see). */
function feedChecked(packager: HlsPackager, checker: PlaylistChecker, buffers: Buffer[]): void {
  for (const b of buffers) {
    packager.push(b);
    const text = packager.renderPlaylist({ query: 'token=t' });
    if (text) checker.add(text);
  }
}

describe('packager output passes the strict playlist check', () => {
  const shapes: Array<[string, Buffer, Buffer[]]> = [
    ['1 s GOP', gop1.init, loopFragments(gop1.fragments, 4, CLIP_TICKS)],
    ['2 s GOP', gop2.init, loopFragments(gop2.fragments, 4, CLIP_TICKS)],
    ['4 s GOP', gop4.init, loopFragments(gop4.fragments, 3, GOP4_TICKS)],
  ];
  for (const [name, init, fragments] of shapes) {
    for (const lowLatency of [true, false]) {
      it(`${name}, ${lowLatency ? 'LL-HLS' : 'plain live'}: every reload valid, TARGETDURATION = the GOP`, () => {
        const h = harness({ lowLatency, windowSegments: 4 });
        const checker = new PlaylistChecker(keyframeProbe(h.packager));
        feedChecked(h.packager, checker, [init, ...fragments]);
        expect(checker.violations).toEqual([]);
        expect(checker.reloads).toBeGreaterThan(10);
      });
    }
  }

  it('serves no playlist until the first segment is complete, even with a 4 s GOP', () => {
    const h = harness();
    h.feed([gop4.init, ...gop4.fragments.slice(0, 20)]); // 4 s of parts: segment 0 still open
    expect(h.packager.getPart(0, 19)).not.toBeNull();
    expect(h.packager.renderPlaylist()).toBeNull();
    h.feed(gop4.fragments.slice(20, 21)); // the next keyframe closes segment 0
    const playlist = h.packager.renderPlaylist() ?? '';
    expect(listedSegments(playlist)).toEqual([[0, 4]]);
    expect(checkPlaylist(playlist)).toEqual([]);
  });

  describe('quick start: the GOP is known from an earlier run', () => {
    for (const [name, init, fragments, gop] of [
      ['2 s GOP', gop2.init, loopFragments(gop2.fragments, 3, CLIP_TICKS), 2],
      ['4 s GOP', gop4.init, loopFragments(gop4.fragments, 2, GOP4_TICKS), 4],
    ] as const) {
      it(`${name}: a playlist after PART-HOLD-BACK (3 parts), TARGETDURATION = the GOP from the first one, every reload valid`, () => {
        const h = harness({ windowSegments: 20, expectedGopSec: gop });
        const checker = new PlaylistChecker(keyframeProbe(h.packager));
        h.feed([init, ...fragments.slice(0, 2)]);
        expect(h.packager.renderPlaylist()).toBeNull();
        h.feed(fragments.slice(2, 3));
        const first = h.packager.renderPlaylist({ query: 'token=t' }) ?? '';
        expect(listedSegments(first)).toEqual([[0, 0.6]]);
        expect(tagLines(first, '#EXT-X-TARGETDURATION')).toEqual([`#EXT-X-TARGETDURATION:${gop}`]);
        checker.add(first);
        feedChecked(h.packager, checker, fragments.slice(3));
        expect(checker.violations).toEqual([]);
        // The rest of the first GOP (not independent), then whole GOPs again.
        const durations = listedSegments(h.packager.renderPlaylist() ?? '').map(([, d]) => d);
        expect(durations.slice(0, 3)).toEqual([0.6, gop - 0.6, gop]);
        expect(h.packager.stats().gopSec).toBe(gop);
      });
    }

    it('a new player is held while the live edge sits in the rest of the first GOP (no keyframe to start from there)', async () => {
      const h = harness({ windowSegments: 20, expectedGopSec: 2 });
      const startable: boolean[] = [];
      h.feed([gop2.init]);
      for (const f of gop2.fragments.slice(0, 13)) {
        h.feed([f]);
        startable.push(h.packager.startable());
      }
      // 0.6 s segment 0 (fragments 0-2; before it completes there is no playlist at all), then the rest of the GOP:
      // a start 0.6 s behind the edge lands in it from its third part on; from the next keyframe's (fragment 10) third
      // part, players start there.
      expect(startable).toEqual([true, true, true, true, true, false, false, false, false, false, false, false, true]);
      const waiting = h.packager.waitUntilStartable(5000);
      expect(await waiting).toBe(true);
    });

    it('stays valid when the remembered GOP is shorter than the camera now sends (1 s remembered, 4 s sent)', () => {
      const h = harness({ windowSegments: 20, expectedGopSec: 1 });
      const checker = new PlaylistChecker(keyframeProbe(h.packager));
      feedChecked(h.packager, checker, [gop4.init, ...loopFragments(gop4.fragments, 2, GOP4_TICKS)]);
      expect(checker.violations).toEqual([]);
      expect(tagLines(h.packager.renderPlaylist() ?? '', '#EXT-X-TARGETDURATION')).toEqual(['#EXT-X-TARGETDURATION:1']);
      expect(h.packager.stats().gopSec).toBe(4);
    });

    it('ignores an implausible remembered GOP and waits for a whole first segment', () => {
      const h = harness({ expectedGopSec: 60 });
      h.feed([gop2.init, ...gop2.fragments.slice(0, 9)]);
      expect(h.packager.renderPlaylist()).toBeNull();
    });
  });

  it('keeps TARGETDURATION when the GOP grows from 1 s to 2 s: cuts without a keyframe, then realigns', () => {
    const h = harness({ windowSegments: 20 });
    const checker = new PlaylistChecker(keyframeProbe(h.packager));
    // Same encoder settings (same init), so the 2 s GOP clip continues the 1 s one without a restart.
    const grown = loopFragments(gop2.fragments, 2, CLIP_TICKS).map((f) => shiftFragment(f, CLIP_TICKS));
    feedChecked(h.packager, checker, [gop1.init, ...gop1.fragments, ...grown]);
    expect(checker.violations).toEqual([]);
    const playlist = h.packager.renderPlaylist() ?? '';
    expect(tagLines(playlist, '#EXT-X-TARGETDURATION')).toEqual(['#EXT-X-TARGETDURATION:1']);
    // 2 s GOPs at TARGETDURATION 1: a forced cut at 1.4 s (the last fragment before reaching 1.5 s), then the
    // next keyframe starts a segment again.
    expect(listedSegments(playlist).map(([, d]) => d)).toEqual([1, 1, 1, 1, 1.4, 0.6, 1.4, 0.6, 1.4, 0.6, 1.4]);
  });

  it('stays valid across an ingest restart with another resolution (discontinuity, new EXT-X-MAP)', () => {
    const h = harness({ windowSegments: 3, retainSegments: 0 });
    const checker = new PlaylistChecker(keyframeProbe(h.packager));
    feedChecked(h.packager, checker, [gop1.init, ...gop1.fragments]);
    h.packager.discontinuity();
    feedChecked(h.packager, checker, [other.init, ...loopFragments(other.fragments, 3, 25600)]);
    expect(checker.violations).toEqual([]);
    expect(tagLines(h.packager.renderPlaylist() ?? '', '#EXT-X-DISCONTINUITY-SEQUENCE')).toEqual(['#EXT-X-DISCONTINUITY-SEQUENCE:1']);
  });
});

describe('the strict checker catches what it must', () => {
  const good = [
    '#EXTM3U',
    '#EXT-X-VERSION:9',
    '#EXT-X-TARGETDURATION:1',
    '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=6.000,PART-HOLD-BACK=0.600',
    '#EXT-X-PART-INF:PART-TARGET=0.200',
    '#EXT-X-MEDIA-SEQUENCE:3',
    '#EXT-X-DISCONTINUITY-SEQUENCE:0',
    '#EXT-X-MAP:URI="init.mp4"',
    '#EXTINF:1.000,',
    'seg/3.m4s',
    '#EXT-X-PART:DURATION=0.200,URI="part/4.0.m4s",INDEPENDENT=YES',
    '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part/4.1.m4s"',
  ];
  const edit = (from: string, to: string): string => good.map((l) => (l === from ? to : l)).join('\n');

  it('accepts the reference playlist', () => {
    expect(checkPlaylist(good.join('\n'))).toEqual([]);
  });

  it.each([
    ['#EXTINF:1.000,', '#EXTINF:1.600,', /rounds above TARGETDURATION/],
    ['seg/3.m4s', '#EXT-X-PART:DURATION=0.200,URI="part/3.0.m4s"', /no complete segment/],
    ['#EXT-X-PART-INF:PART-TARGET=0.200', '', /without EXT-X-PART-INF/],
    ['#EXT-X-PART:DURATION=0.200,URI="part/4.0.m4s",INDEPENDENT=YES', '#EXT-X-PART:DURATION=0.240,URI="part/4.0.m4s",INDEPENDENT=YES', /> PART-TARGET/],
    ['#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=6.000,PART-HOLD-BACK=0.600', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=6.000,PART-HOLD-BACK=0.300', /PART-HOLD-BACK/],
    ['#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part/4.1.m4s"', '', /0 PRELOAD-HINTs/],
    ['#EXT-X-MAP:URI="init.mp4"', '', /before any EXT-X-MAP/],
    ['#EXT-X-VERSION:9', '#EXT-X-VERSION:3', /version ≥ 6/],
  ])('flags %s → %s', (from, to, want) => {
    expect(checkPlaylist(edit(from, to)).join('\n')).toMatch(want);
  });

  it('flags a part whose INDEPENDENT flag disagrees with its media', () => {
    expect(checkPlaylist(good.join('\n'), () => false).join('\n')).toMatch(/marked INDEPENDENT without a keyframe/);
  });

  it('flags TARGETDURATION changing and MEDIA-SEQUENCE going back between reloads', () => {
    const c = new PlaylistChecker();
    c.add(good.join('\n'));
    c.add(edit('#EXT-X-TARGETDURATION:1', '#EXT-X-TARGETDURATION:2'));
    c.add(edit('#EXT-X-MEDIA-SEQUENCE:3', '#EXT-X-MEDIA-SEQUENCE:2'));
    expect(c.violations.join('\n')).toMatch(/TARGETDURATION changed 1 → 2/);
    expect(c.violations.join('\n')).toMatch(/MEDIA-SEQUENCE went back/);
  });
});
