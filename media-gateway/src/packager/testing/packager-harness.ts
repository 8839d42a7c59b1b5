// A packager with a hand-driven clock, plus small readers for playlist text, shared by the packager tests.
import { HlsPackager } from '../hls-packager';
import type { HlsPackagerOptions } from '../packager-types';

/** 2023-11-14T22:13:20.000Z: round, so PROGRAM-DATE-TIME values are easy to read in expectations. */
export const T0 = 1_700_000_000_000;

export interface Harness {
  packager: HlsPackager;
  clock: { now: number };
  /** Pushes each buffer, then advances the clock by stepMs. */
  feed(buffers: Buffer[], stepMs?: number): void;
}

export function harness(options: HlsPackagerOptions = {}): Harness {
  const clock = { now: T0 };
  const packager = new HlsPackager({ now: () => clock.now, ...options });
  return {
    packager,
    clock,
    feed(buffers, stepMs = 200) {
      for (const b of buffers) {
        packager.push(b);
        clock.now += stepMs;
      }
    },
  };
}

/** [msn, EXTINF seconds] of every complete segment listed. */
export function listedSegments(playlist: string): [number, number][] {
  const lines = playlist.split('\n');
  const out: [number, number][] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('#EXTINF:')) return;
    const uri = lines[i + 1] ?? '';
    out.push([Number(/^seg\/(\d+)\.m4s/.exec(uri)?.[1]), Number(line.slice(8, -1))]);
  });
  return out;
}

/** Lines starting with the given tag. */
export function tagLines(playlist: string, tag: string): string[] {
  return playlist.split('\n').filter((l) => l.startsWith(tag));
}
