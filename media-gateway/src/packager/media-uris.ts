// The URI grammar of everything a playlist references, in one place: the playlist renderer builds these and the
// HTTP layer parses them back, so the two can never drift apart. All URIs are relative to the playlist.

export type MediaUri =
  | { kind: 'init'; generation: number }
  | { kind: 'segment'; msn: number }
  | { kind: 'part'; msn: number; part: number };

/**
 * Init segments are immutable per URI: generation 0 is `init.mp4`, each later init (new after an ingest restart)
 * gets `init-<n>.mp4`. Reusing one URI for different bytes would let players and caches apply a stale init.
 */
export function initUri(generation: number): string {
  return generation === 0 ? 'init.mp4' : `init-${generation}.mp4`;
}

export function segmentUri(msn: number): string {
  return `seg/${msn}.m4s`;
}

export function partUri(msn: number, part: number): string {
  return `part/${msn}.${part}.m4s`;
}

/** Appends the caller's query (e.g. `token=abc`): a token on the playlist URL does not carry over to relative URIs. */
export function withQuery(uri: string, query: string | undefined): string {
  const q = query?.replace(/^[?&]+/, '');
  if (!q) return uri;
  return `${uri}${uri.includes('?') ? '&' : '?'}${q}`;
}

const INT = '(0|[1-9][0-9]{0,14})'; // no leading zeros, stays a safe integer
const INIT_RE = new RegExp(`^init(?:-${INT})?\\.mp4$`);
const SEG_RE = new RegExp(`^seg/${INT}\\.m4s$`);
const PART_RE = new RegExp(`^part/${INT}\\.${INT}\\.m4s$`);

/**
 * Parses a path relative to the playlist (`init.mp4`, `seg/12.m4s`, `part/12.3.m4s`; query already stripped).
 * Returns null for anything else, which the HTTP layer answers with 404.
 */
export function parseMediaUri(path: string): MediaUri | null {
  let m = INIT_RE.exec(path);
  if (m) {
    const generation = m[1] === undefined ? 0 : Number(m[1]);
    // `init-0.mp4` is not a name we hand out; refuse it so each init has exactly one URI.
    return m[1] === '0' ? null : { kind: 'init', generation };
  }
  m = SEG_RE.exec(path);
  if (m) return { kind: 'segment', msn: Number(m[1]) };
  m = PART_RE.exec(path);
  if (m) return { kind: 'part', msn: Number(m[1]), part: Number(m[2]) };
  return null;
}
