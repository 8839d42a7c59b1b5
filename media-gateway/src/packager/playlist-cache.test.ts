import { describe, expect, it, vi } from 'vitest';
import { HlsPackager } from './hls-packager';
import { renderMediaPlaylist, type PlaylistModel } from './hls-playlist';
import type { SegmentView } from './packager-types';
import { PlaylistCache } from './playlist-cache';
import { splitFixture } from './testing/fmp4-fixtures';
import { segmentView } from './testing/segment-views';

const seg = (msn: number, extra: Partial<SegmentView> = {}): SegmentView => segmentView(msn, { initGeneration: msn < 6 ? 0 : 1, discontinuity: msn === 6, ...extra });

const model: PlaylistModel = {
  lowLatency: true,
  targetDuration: 1,
  partTargetSec: 0.5,
  segments: Array.from({ length: 12 }, (_, i) => seg(i)),
  inProgress: seg(12, { complete: false, parts: [{ durationSec: 0.5, independent: true }] }),
  discontinuitySequence: 0,
  preloadHint: { msn: 12, part: 1 },
};

describe('playlist cache', () => {
  it('gives exactly the text a fresh render gives, for every query and skip', () => {
    const cache = new PlaylistCache();
    const render = vi.fn((o: { query?: string; skip?: boolean }) => renderMediaPlaylist(model, o));
    const queries = [undefined, '', 'token=AbC_-12345.xyz', '?token=a&video=original', '&&token=b', 'token=a%2Fb'];
    for (let round = 0; round < 2; round++) {
      for (const query of queries) {
        for (const skip of [false, true]) {
          const opts = { ...(query === undefined ? {} : { query }), skip };
          expect(cache.get(opts, render)).toBe(renderMediaPlaylist(model, opts));
        }
      }
    }
    // Two templates (skip or not) plus the query-less texts; the second round rendered nothing.
    expect(render).toHaveBeenCalledTimes(4);
  });

  it('a packager renders again after each new part, and only then', () => {
    const { init, fragments } = splitFixture('gop4s-160x90.mp4');
    const packager = new HlsPackager();
    for (const b of [init, ...fragments.slice(0, 21)]) packager.push(b);
    const before = packager.renderPlaylist({ query: 'token=t' });
    expect(before).not.toBeNull();
    expect(packager.renderPlaylist({ query: 'token=t' })).toBe(before);
    packager.push(fragments[21]!);
    const after = packager.renderPlaylist({ query: 'token=t' });
    expect(after).not.toBe(before);
    expect(after).toContain('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part/1.2.m4s?token=t"');
    expect(packager.renderPlaylist({ query: 'token=u' })).toBe(after!.replaceAll('token=t', 'token=u'));
    packager.discontinuity(); // the ingest restarted: the open segment is complete now
    expect(packager.renderPlaylist({ query: 'token=t' })).toContain('#EXTINF:0.400,\nseg/1.m4s?token=t\n');
  });
});
