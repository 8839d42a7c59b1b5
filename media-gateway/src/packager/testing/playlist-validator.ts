// A strict checker for the media playlists we emit (RFC 8216 and its LL-HLS successor, draft-pantos-hls-rfc8216bis),
// written from the spec and independent of hls-playlist.ts, so the packager tests do not grade their own homework.
// `checkPlaylist` checks one playlist; `PlaylistChecker` also checks what must hold across reloads.

export interface ParsedPart {
  uri: string;
  durationSec: number;
  independent: boolean;
}

export interface ParsedSegment {
  msn: number;
  uri: string;
  durationSec: number;
  discontinuity: boolean;
  map: string | null;
  parts: ParsedPart[];
}

export interface ParsedPlaylist {
  version: number | null;
  targetDuration: number | null;
  mediaSequence: number;
  discontinuitySequence: number;
  partTargetSec: number | null;
  partHoldBackSec: number | null;
  canSkipUntilSec: number | null;
  skipped: number;
  segments: ParsedSegment[];
  /** Parts of the segment still being filled (listed after the last EXTINF). */
  openParts: ParsedPart[];
  preloadHints: string[];
  /** Structural problems met while parsing (tags in the wrong place, bad attribute values). */
  problems: string[];
}

/** Facts only the media can tell: whether the part at `uri` begins with a keyframe (undefined: unknown). */
export type KeyframeProbe = (uri: string) => boolean | undefined;

const attrs = (list: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const m of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) out.set(m[1] ?? '', (m[2] ?? '').replace(/^"|"$/g, ''));
  return out;
};

const num = (v: string | undefined): number | null => (v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : null);

export function parsePlaylist(text: string): ParsedPlaylist {
  const p: ParsedPlaylist = {
    version: null,
    targetDuration: null,
    mediaSequence: 0,
    discontinuitySequence: 0,
    partTargetSec: null,
    partHoldBackSec: null,
    canSkipUntilSec: null,
    skipped: 0,
    segments: [],
    openParts: [],
    preloadHints: [],
    problems: [],
  };
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines[0] !== '#EXTM3U') p.problems.push('first line is not #EXTM3U');
  const seen = new Map<string, number>();
  let map: string | null = null;
  let discontinuity = false;
  let extinf: number | null = null;
  let mediaStarted = false;
  for (const line of lines.slice(1)) {
    const [tag = '', value = ''] = line.startsWith('#') ? [line.split(':', 1)[0], line.slice(line.indexOf(':') + 1)] : [];
    if (tag) seen.set(tag, (seen.get(tag) ?? 0) + 1);
    const headerOnly = (): void => {
      if (mediaStarted) p.problems.push(`${tag} after the first media segment`);
    };
    switch (tag) {
      case '#EXT-X-VERSION':
        p.version = num(value);
        break;
      case '#EXT-X-TARGETDURATION':
        headerOnly();
        p.targetDuration = /^\d+$/.test(value) ? Number(value) : null;
        if (p.targetDuration === null) p.problems.push(`EXT-X-TARGETDURATION "${value}" is not a decimal integer`);
        break;
      case '#EXT-X-MEDIA-SEQUENCE':
        headerOnly();
        p.mediaSequence = Number(value);
        break;
      case '#EXT-X-DISCONTINUITY-SEQUENCE':
        headerOnly();
        p.discontinuitySequence = Number(value);
        break;
      case '#EXT-X-PART-INF':
        p.partTargetSec = num(attrs(value).get('PART-TARGET'));
        break;
      case '#EXT-X-SERVER-CONTROL': {
        const a = attrs(value);
        p.partHoldBackSec = num(a.get('PART-HOLD-BACK'));
        p.canSkipUntilSec = num(a.get('CAN-SKIP-UNTIL'));
        break;
      }
      case '#EXT-X-SKIP':
        headerOnly();
        p.skipped = Number(attrs(value).get('SKIPPED-SEGMENTS'));
        break;
      case '#EXT-X-MAP':
        map = attrs(value).get('URI') ?? null;
        if (!map) p.problems.push('EXT-X-MAP without URI');
        break;
      case '#EXT-X-DISCONTINUITY':
        discontinuity = true;
        break;
      case '#EXT-X-PROGRAM-DATE-TIME':
        if (Number.isNaN(Date.parse(value))) p.problems.push(`bad EXT-X-PROGRAM-DATE-TIME ${value}`);
        break;
      case '#EXT-X-PART': {
        mediaStarted = true;
        const a = attrs(value);
        const durationSec = num(a.get('DURATION'));
        const uri = a.get('URI');
        if (durationSec === null || !uri) p.problems.push(`EXT-X-PART without DURATION or URI: ${line}`);
        if (map === null) p.problems.push(`part ${uri ?? '?'} before any EXT-X-MAP`);
        p.openParts.push({ uri: uri ?? '', durationSec: durationSec ?? 0, independent: a.get('INDEPENDENT') === 'YES' });
        break;
      }
      case '#EXTINF':
        mediaStarted = true;
        extinf = num(value.split(',')[0]);
        if (extinf === null) p.problems.push(`bad EXTINF ${value}`);
        break;
      case '#EXT-X-PRELOAD-HINT': {
        const a = attrs(value);
        if (a.get('TYPE') !== 'PART' && a.get('TYPE') !== 'MAP') p.problems.push(`EXT-X-PRELOAD-HINT TYPE ${a.get('TYPE') ?? '(none)'}`);
        p.preloadHints.push(a.get('URI') ?? '');
        break;
      }
      case '':
        // A URI line: the segment that the preceding EXTINF describes.
        if (extinf === null) {
          p.problems.push(`URI line without EXTINF: ${line}`);
          break;
        }
        if (map === null) p.problems.push(`segment ${line} before any EXT-X-MAP`);
        p.segments.push({ msn: p.mediaSequence + p.skipped + p.segments.length, uri: line, durationSec: extinf, discontinuity, map, parts: p.openParts });
        p.openParts = [];
        discontinuity = false;
        extinf = null;
        break;
      default:
        if (tag.startsWith('#EXT')) p.problems.push(`unexpected tag ${tag}`);
    }
  }
  for (const [tag, n] of seen) {
    if (n > 1 && ['#EXT-X-VERSION', '#EXT-X-TARGETDURATION', '#EXT-X-MEDIA-SEQUENCE', '#EXT-X-DISCONTINUITY-SEQUENCE', '#EXT-X-PART-INF', '#EXT-X-SERVER-CONTROL', '#EXT-X-SKIP'].includes(tag)) {
      p.problems.push(`${tag} appears ${n} times`);
    }
  }
  return p;
}

/** Printed durations carry 3 decimals; comparisons allow that much rounding and no more. */
const EPS = 0.0005;

/** Violations of one playlist, each a short sentence naming the rule; [] when it is valid. */
export function checkPlaylist(text: string, isKeyframe?: KeyframeProbe): string[] {
  const p = parsePlaylist(text);
  const out = [...p.problems];
  const td = p.targetDuration;
  if (td === null) out.push('EXT-X-TARGETDURATION missing');
  if (p.version === null) out.push('EXT-X-VERSION missing');
  else {
    if (p.segments.some((s) => s.map) && p.version < 6) out.push(`EXT-X-MAP needs version ≥ 6, got ${p.version}`);
    if (p.skipped > 0 && p.version < 9) out.push(`EXT-X-SKIP needs version ≥ 9, got ${p.version}`);
  }
  if (p.segments.length === 0) out.push('no complete segment (players cannot start: hls.js levelEmptyError)');
  for (const s of p.segments) {
    if (td !== null && Math.round(s.durationSec) > td) out.push(`EXTINF ${s.durationSec} of ${s.uri} rounds above TARGETDURATION ${td}`);
    if (s.parts.length > 0) {
      const sum = s.parts.reduce((n, x) => n + x.durationSec, 0);
      if (Math.abs(sum - s.durationSec) > EPS * (s.parts.length + 1)) out.push(`parts of ${s.uri} add up to ${sum.toFixed(3)}, EXTINF says ${s.durationSec}`);
    }
  }
  const ll = p.segments.some((s) => s.parts.length > 0) || p.openParts.length > 0 || p.preloadHints.length > 0;
  if (ll) out.push(...checkLowLatency(p, isKeyframe));
  if (p.skipped > 0 && p.canSkipUntilSec === null) out.push('EXT-X-SKIP without CAN-SKIP-UNTIL');
  if (p.canSkipUntilSec !== null && td !== null && p.canSkipUntilSec < 6 * td) out.push(`CAN-SKIP-UNTIL ${p.canSkipUntilSec} < 6 × TARGETDURATION`);
  return out;
}

function checkLowLatency(p: ParsedPlaylist, isKeyframe?: KeyframeProbe): string[] {
  const out: string[] = [];
  const pt = p.partTargetSec;
  if (pt === null) return ['EXT-X-PART or PRELOAD-HINT without EXT-X-PART-INF:PART-TARGET'];
  if (p.partHoldBackSec === null) out.push('EXT-X-PART-INF without SERVER-CONTROL PART-HOLD-BACK');
  else if (p.partHoldBackSec < 2 * pt - EPS) out.push(`PART-HOLD-BACK ${p.partHoldBackSec} < 2 × PART-TARGET ${pt}`);
  const groups = [...p.segments.map((s) => ({ parts: s.parts, complete: true })), { parts: p.openParts, complete: false }];
  for (const { parts, complete } of groups) {
    parts.forEach((part, i) => {
      if (part.durationSec > pt + EPS) out.push(`part ${part.uri} ${part.durationSec} s > PART-TARGET ${pt}`);
      // 8216bis §4.4.4.9: at least 85 % of the part target, except INDEPENDENT parts and a segment's final part.
      const final = complete && i === parts.length - 1;
      if (!part.independent && !final && part.durationSec < 0.85 * pt - EPS) out.push(`part ${part.uri} ${part.durationSec} s < 85 % of PART-TARGET ${pt}`);
      const key = isKeyframe?.(part.uri);
      if (key !== undefined && key !== part.independent) out.push(`part ${part.uri} ${key ? 'starts with a keyframe but is not' : 'is marked'} INDEPENDENT${key ? '' : ' without a keyframe'}`);
    });
  }
  const hints = p.preloadHints;
  if (hints.length !== 1) out.push(`${hints.length} PRELOAD-HINTs (want exactly one of TYPE=PART)`);
  const listed = new Set([...p.segments.flatMap((s) => s.parts), ...p.openParts].map((x) => x.uri));
  for (const h of hints) if (listed.has(h)) out.push(`PRELOAD-HINT ${h} names a part already listed`);
  return out;
}

/**
 * Checks a sequence of reloads of one playlist: each one alone, plus what must not change between them
 * (TARGETDURATION, PART-TARGET, version), MEDIA-SEQUENCE never going back, a segment keeping its URI and
 * duration, and DISCONTINUITY-SEQUENCE counting exactly the EXT-X-DISCONTINUITY tags that slid out.
 */
export class PlaylistChecker {
  private last: ParsedPlaylist | null = null;
  readonly violations: string[] = [];
  reloads = 0;

  constructor(private readonly isKeyframe?: KeyframeProbe) {}

  /** Checks one reload; returns its violations (also accumulated in `violations`). */
  add(text: string): string[] {
    const out = checkPlaylist(text, this.isKeyframe);
    const p = parsePlaylist(text);
    const prev = this.last;
    if (prev) out.push(...compareReloads(prev, p));
    this.last = p;
    this.reloads++;
    const tagged = out.map((v) => `reload ${this.reloads}: ${v}`);
    this.violations.push(...tagged);
    return tagged;
  }
}

function compareReloads(prev: ParsedPlaylist, p: ParsedPlaylist): string[] {
  const out: string[] = [];
  if (p.targetDuration !== prev.targetDuration) out.push(`TARGETDURATION changed ${prev.targetDuration} → ${p.targetDuration}`);
  if (p.partTargetSec !== prev.partTargetSec) out.push(`PART-TARGET changed ${prev.partTargetSec} → ${p.partTargetSec}`);
  if (p.version !== prev.version) out.push(`version changed ${prev.version} → ${p.version}`);
  if (p.mediaSequence < prev.mediaSequence) out.push(`MEDIA-SEQUENCE went back ${prev.mediaSequence} → ${p.mediaSequence}`);
  const before = new Map(prev.segments.map((s) => [s.msn, s]));
  for (const s of p.segments) {
    const old = before.get(s.msn);
    if (old && (old.uri !== s.uri || old.durationSec !== s.durationSec || old.discontinuity !== s.discontinuity)) out.push(`segment ${s.msn} changed between reloads`);
  }
  // The segments that slid out are known only if the previous playlist listed all of them.
  const gone = prev.segments.filter((s) => s.msn < p.mediaSequence);
  const firstListed = prev.segments[0]?.msn ?? Number.POSITIVE_INFINITY;
  const knowable = prev.skipped === 0 && firstListed <= prev.mediaSequence;
  const expected = prev.discontinuitySequence + gone.filter((s) => s.discontinuity).length;
  if (knowable && p.mediaSequence <= (prev.segments.at(-1)?.msn ?? -1) + 1 && p.discontinuitySequence !== expected) {
    out.push(`DISCONTINUITY-SEQUENCE ${p.discontinuitySequence}, expected ${expected}`);
  }
  if (p.discontinuitySequence < prev.discontinuitySequence) out.push('DISCONTINUITY-SEQUENCE went back');
  return out;
}
