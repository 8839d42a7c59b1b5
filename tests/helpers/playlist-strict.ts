// Follows a live LL-HLS playlist the way a player does (the first request, then blocking reloads at the preload
// hint) and runs every answer through the strict checker; the last one also against the parts' real keyframes.
import { parseFragment } from '../../media-gateway/src/packager/fmp4-parser';
import { PlaylistChecker, checkPlaylist, parsePlaylist } from '../../media-gateway/src/packager/testing/playlist-validator';
import { fetchOk } from './media-probe';

export interface StrictFollow {
  /** The first answer (on a cold camera: the one a player must be able to start from). */
  first: string;
  last: string;
  violations: string[];
}

export async function followStrictly(playlistUrl: string, reloads: number): Promise<StrictFollow> {
  const checker = new PlaylistChecker();
  const first = (await fetchOk(playlistUrl)).toString();
  checker.add(first);
  let last = first;
  for (let i = 0; i < reloads; i++) {
    const hint = /#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part\/(\d+)\.(\d+)\.m4s/.exec(last);
    if (!hint) break;
    last = (await fetchOk(`${playlistUrl}&_HLS_msn=${hint[1]}&_HLS_part=${hint[2]}`)).toString();
    checker.add(last);
  }
  const p = parsePlaylist(last);
  const keyframes = new Map<string, boolean>();
  for (const part of [...p.segments.flatMap((s) => s.parts), ...p.openParts]) {
    keyframes.set(part.uri, parseFragment(await fetchOk(new URL(part.uri, playlistUrl).toString())).firstSampleIsSync);
  }
  const media = checkPlaylist(last, (uri) => keyframes.get(uri)).map((v) => `last playlist media: ${v}`);
  return { first, last, violations: [...checker.violations, ...media] };
}
