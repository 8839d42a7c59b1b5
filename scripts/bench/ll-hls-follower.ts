/**
 * A viewer that behaves like hls.js in low-latency mode: blocking playlist reloads for the next part, then fetches
 * that part. Measures time to the first complete segment and, per part, how long after the camera sent the part's
 * last frame the part became available.
 */
export interface FollowResult {
  firstSegmentMs: number | null;
  partLatenciesMs: number[];
  errors: number;
}

export interface PartInfo {
  msn: number;
  part: number;
  durationSec: number;
  uri: string;
}

export interface Parsed {
  mediaSequence: number;
  targetDurationSec: number;
  /** EXT-X-PART-INF PART-TARGET (s), NaN without it. */
  partTargetSec: number;
  /** complete segments: msn → duration */
  segments: Map<number, number>;
  parts: PartInfo[];
  hint: { msn: number; part: number } | null;
  discontinuity: boolean;
}

export function parseLlPlaylist(text: string): Parsed {
  const mediaSequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
  const targetDurationSec = Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(text)?.[1] ?? NaN);
  const partTargetSec = Number(/#EXT-X-PART-INF:PART-TARGET=([\d.]+)/.exec(text)?.[1] ?? NaN);
  const segments = new Map<number, number>();
  const parts: PartInfo[] = [];
  let msn = mediaSequence;
  let part = 0;
  let pendingExtinf: number | null = null;
  for (const line of text.split('\n')) {
    const p = /^#EXT-X-PART:DURATION=([\d.]+),URI="([^"]+)"/.exec(line);
    if (p) {
      // The gateway's part URIs name their place (part/<msn>.<index>.m4s): trust that over counting lines.
      const named = /(?:^|\/)part\/(\d+)\.(\d+)\.m4s/.exec(p[2]!);
      parts.push({ msn: named ? Number(named[1]) : msn, part: named ? Number(named[2]) : part, durationSec: Number(p[1]), uri: p[2]! });
      part++;
    }
    const inf = /^#EXTINF:([\d.]+),/.exec(line);
    if (inf) pendingExtinf = Number(inf[1]);
    if (line && !line.startsWith('#') && pendingExtinf !== null) {
      segments.set(msn, pendingExtinf);
      pendingExtinf = null;
      msn++;
      part = 0;
    }
  }
  const h = /#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part\/(\d+)\.(\d+)\.m4s/.exec(text);
  return { mediaSequence, targetDurationSec, partTargetSec, segments, parts, hint: h ? { msn: Number(h[1]), part: Number(h[2]) } : null, discontinuity: text.includes('#EXT-X-DISCONTINUITY\n') };
}

export async function followStream(url: string, stop: { requested: boolean }, captureStart: () => number | null): Promise<FollowResult> {
  const result: FollowResult = { firstSegmentMs: null, partLatenciesMs: [], errors: 0 };
  const t0 = Date.now();
  const segStart = new Map<number, number>([[0, 0]]);
  let playlist: Parsed | null = null;
  while (!stop.requested) {
    try {
      const target = playlist?.hint;
      const res = await fetch(target ? `${url}&_HLS_msn=${target.msn}&_HLS_part=${target.part}` : url);
      const arrived = Date.now();
      if (!res.ok) {
        result.errors++;
        await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      const text = await res.text();
      playlist = parseLlPlaylist(text);
      if (result.firstSegmentMs === null && playlist.segments.size > 0) result.firstSegmentMs = arrived - t0;
      if (playlist.discontinuity) result.errors++; // an ingest restart during the run
      for (const [msn, d] of playlist.segments) if (segStart.has(msn)) segStart.set(msn + 1, segStart.get(msn)! + d);
      const newest = playlist.parts.at(-1);
      if (target && newest && newest.msn === target.msn && newest.part === target.part && segStart.has(newest.msn)) {
        const partEnd = segStart.get(newest.msn)! + playlist.parts.filter((p) => p.msn === newest.msn).reduce((s, p) => s + p.durationSec, 0);
        const start = captureStart();
        if (start !== null) result.partLatenciesMs.push(arrived - (start + partEnd * 1000));
        const media = await fetch(new URL(newest.uri, url));
        if (!media.ok) result.errors++;
        await media.arrayBuffer();
      }
    } catch {
      result.errors++;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return result;
}
