import { describe, expect, it } from 'vitest';
import { renderMediaPlaylist } from './hls-playlist';
import type { PlaylistModel } from './hls-playlist';
import { parseMediaUri, withQuery } from './media-uris';
import type { SegmentView } from './packager-types';
import { segmentView } from './testing/segment-views';

const seg = segmentView;

const model = (segments: SegmentView[]): PlaylistModel => ({
  lowLatency: true,
  targetDuration: 1,
  partTargetSec: 0.5,
  segments,
  inProgress: null,
  discontinuitySequence: 0,
  preloadHint: { msn: (segments.at(-1)?.msn ?? -1) + 1, part: 0 },
});

describe('renderMediaPlaylist delta updates (_HLS_skip=YES)', () => {
  const ten = Array.from({ length: 10 }, (_, i) => seg(i));

  it('replaces segments older than CAN-SKIP-UNTIL (6 target durations) with EXT-X-SKIP and repeats the map', () => {
    const text = renderMediaPlaylist(model(ten), { skip: true, query: 't=1' });
    expect(text).toContain('#EXT-X-SKIP:SKIPPED-SEGMENTS=4\n#EXT-X-MAP:URI="init.mp4?t=1"\n');
    expect(text).not.toContain('seg/3.m4s');
    expect(text).toContain('seg/4.m4s?t=1');
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:0'); // still the full playlist's first segment
  });

  it('does not skip without the request, nor past a discontinuity', () => {
    expect(renderMediaPlaylist(model(ten))).not.toContain('EXT-X-SKIP');
    const withGap = ten.map((s) => (s.msn === 2 ? { ...s, discontinuity: true, initGeneration: 1 } : s));
    expect(renderMediaPlaylist(model(withGap), { skip: true })).toContain('#EXT-X-SKIP:SKIPPED-SEGMENTS=2\n');
  });
});

describe('media URIs', () => {
  it('parses exactly what the playlist hands out', () => {
    expect(parseMediaUri('init.mp4')).toEqual({ kind: 'init', generation: 0 });
    expect(parseMediaUri('init-3.mp4')).toEqual({ kind: 'init', generation: 3 });
    expect(parseMediaUri('seg/12.m4s')).toEqual({ kind: 'segment', msn: 12 });
    expect(parseMediaUri('part/12.3.m4s')).toEqual({ kind: 'part', msn: 12, part: 3 });
    for (const bad of ['init-0.mp4', 'seg/012.m4s', 'seg/-1.m4s', 'part/1.m4s', '../seg/1.m4s', 'seg/1.m4s?x', 'index.m3u8']) {
      expect(parseMediaUri(bad)).toBeNull();
    }
  });

  it('appends a query with ? or &', () => {
    expect(withQuery('seg/1.m4s', 'token=a')).toBe('seg/1.m4s?token=a');
    expect(withQuery('seg/1.m4s?v=1', '?token=a')).toBe('seg/1.m4s?v=1&token=a');
    expect(withQuery('seg/1.m4s', '')).toBe('seg/1.m4s');
  });
});
