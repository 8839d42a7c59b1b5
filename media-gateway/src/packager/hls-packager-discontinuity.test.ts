import { describe, expect, it } from 'vitest';
import { loopFragments, splitFixture } from './testing/fmp4-fixtures';
import { harness, listedSegments, tagLines } from './testing/packager-harness';

const first = splitFixture('gop1s.mp4'); // 320x180, 4 s
const second = splitFixture('gop1s-256x144.mp4'); // 256x144, 2 s: the camera came back with other settings

/** Names of the tags that precede segment `msn`'s first PART (or its EXTINF when its parts are not listed). */
function tagsBefore(playlist: string, msn: number): string[] {
  const lines = playlist.split('\n');
  let at = lines.findIndex((l) => l.includes(`part/${msn}.0.m4s`));
  if (at < 0) at = lines.findIndex((l) => l.startsWith(`seg/${msn}.m4s`)) - 1; // no parts listed: its EXTINF
  let start = at;
  while (start > 0 && lines[start - 1]?.startsWith('#EXT-X-') && !lines[start - 1]?.startsWith('#EXT-X-PART:')) start--;
  return lines.slice(start, at).map((l) => l.replace(/:.*/, ''));
}

describe('HlsPackager discontinuity', () => {
  it('closes the open segment, keeps counting MSNs and switches EXT-X-MAP after EXT-X-DISCONTINUITY', () => {
    const h = harness();
    h.feed([first.init, ...first.fragments]);
    h.packager.discontinuity();
    h.clock.now += 5000; // the restart took a while
    const restartedAt = h.clock.now + 200;
    h.feed([second.init, ...second.fragments]);

    const playlist = h.packager.renderPlaylist() ?? '';
    expect(listedSegments(playlist)).toEqual([[0, 1], [1, 1], [2, 1], [3, 1], [4, 1]]);
    expect(tagLines(playlist, '#EXT-X-DISCONTINUITY-SEQUENCE')).toEqual(['#EXT-X-DISCONTINUITY-SEQUENCE:0']);
    expect(tagLines(playlist, '#EXT-X-MAP')).toEqual(['#EXT-X-MAP:URI="init.mp4"', '#EXT-X-MAP:URI="init-1.mp4"']);
    expect(tagsBefore(playlist, 4)).toEqual(['#EXT-X-DISCONTINUITY', '#EXT-X-MAP', '#EXT-X-PROGRAM-DATE-TIME']);
    expect(tagsBefore(playlist, 3)).toEqual(['#EXT-X-PROGRAM-DATE-TIME']);
    // Wall clock restarts with the new run (its media time starts at 0 again).
    expect(playlist).toContain(`#EXT-X-PROGRAM-DATE-TIME:${new Date(restartedAt).toISOString()}`);

    // Both inits are served while segments need them; each URI always means the same bytes.
    expect(h.packager.getResource('init.mp4')).toEqual(first.init);
    expect(h.packager.getResource('init-1.mp4')).toEqual(second.init);
    expect(h.packager.getInit()).toEqual(second.init);
    expect(h.packager.stats()).toMatchObject({ width: 256, height: 144, latestMsn: 4 });
  });

  it('increments EXT-X-DISCONTINUITY-SEQUENCE when the tagged segment slides out, and drops the old init', () => {
    const h = harness({ windowSegments: 2, retainSegments: 0 });
    h.feed([first.init, ...first.fragments]);
    h.packager.discontinuity();
    h.feed([second.init, ...second.fragments]); // segment 4 (tagged) complete, 5 open
    let playlist = h.packager.renderPlaylist() ?? '';
    expect(listedSegments(playlist).map(([msn]) => msn)).toEqual([3, 4]);
    expect(tagLines(playlist, '#EXT-X-DISCONTINUITY')).toEqual(['#EXT-X-DISCONTINUITY-SEQUENCE:0', '#EXT-X-DISCONTINUITY']);

    h.feed(loopFragments(second.fragments, 2, 25600).slice(10)); // two more seconds: segments 5, 6
    playlist = h.packager.renderPlaylist() ?? '';
    expect(listedSegments(playlist).map(([msn]) => msn)).toEqual([5, 6]);
    expect(tagLines(playlist, '#EXT-X-DISCONTINUITY')).toEqual(['#EXT-X-DISCONTINUITY-SEQUENCE:1']);
    expect(tagLines(playlist, '#EXT-X-MAP')).toEqual(['#EXT-X-MAP:URI="init-1.mp4"']);
    expect(h.packager.getResource('init.mp4')).toBeNull(); // no held segment needs it any more
  });

  it('keeps the init URI when the restarted ingest sends the same init, but still marks the discontinuity', () => {
    const h = harness();
    h.feed([first.init, ...first.fragments]);
    h.packager.discontinuity();
    h.feed([first.init, ...first.fragments]);
    const playlist = h.packager.renderPlaylist() ?? '';
    expect(tagLines(playlist, '#EXT-X-MAP')).toEqual(['#EXT-X-MAP:URI="init.mp4"']);
    expect(tagsBefore(playlist, 4)).toEqual(['#EXT-X-DISCONTINUITY', '#EXT-X-PROGRAM-DATE-TIME']);
    expect(h.packager.getResource('init-1.mp4')).toBeNull();
  });

  it('treats a new init in mid-stream as an implicit discontinuity', () => {
    const h = harness();
    h.feed([first.init, ...first.fragments, second.init, ...second.fragments]);
    const playlist = h.packager.renderPlaylist() ?? '';
    expect(listedSegments(playlist).map(([msn]) => msn)).toEqual([0, 1, 2, 3, 4]);
    expect(tagsBefore(playlist, 4)).toEqual(['#EXT-X-DISCONTINUITY', '#EXT-X-MAP', '#EXT-X-PROGRAM-DATE-TIME']);
  });

  it('drops a half-received box from the dead ingest', () => {
    const h = harness();
    h.feed([first.init, ...first.fragments.slice(0, 5)]);
    h.packager.push((first.fragments[5] as Buffer).subarray(0, 100)); // ffmpeg killed mid-write
    h.packager.discontinuity();
    h.feed([second.init, ...second.fragments]);
    expect(listedSegments(h.packager.renderPlaylist() ?? '')).toEqual([[0, 1], [1, 1]]);
    expect(h.packager.getSegment(1)).toEqual(Buffer.concat(second.fragments.slice(0, 5)));
  });
});
