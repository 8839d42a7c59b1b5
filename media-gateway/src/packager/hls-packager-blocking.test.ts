import { describe, expect, it } from 'vitest';
import { loopFragments, splitFixture } from './testing/fmp4-fixtures';
import { harness } from './testing/packager-harness';
import type { WaitResult } from './packager-types';

const { init, fragments } = splitFixture('gop1s.mp4');

/** Resolves to the wait result, or 'pending' if it has not settled after the current microtasks. */
async function settled(p: Promise<WaitResult>): Promise<WaitResult | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);
}

describe('HlsPackager blocking reload', () => {
  it('resolves a wait for a part when that part arrives', async () => {
    const h = harness();
    h.feed([init, ...fragments.slice(0, 3)]);
    const wait = h.packager.waitFor(0, 3, 5000);
    expect(await settled(wait)).toBe('pending');
    h.feed(fragments.slice(3, 4));
    expect(await settled(wait)).toBe('ready');
    expect(h.packager.getPart(0, 3)).toEqual(fragments[3]);
  });

  it('resolves a wait for a whole segment only when it is complete', async () => {
    const h = harness();
    h.feed([init, ...fragments.slice(0, 5)]);
    const wait = h.packager.waitFor(0, undefined, 5000);
    expect(await settled(wait)).toBe('pending'); // 5 parts, but segment 0 closes at the next keyframe
    h.feed(fragments.slice(5, 6));
    expect(await settled(wait)).toBe('ready');
  });

  it('treats a part index past the final part as part 0 of the next segment (LL-HLS spec)', async () => {
    const h = harness();
    h.feed([init, ...fragments.slice(0, 5)]);
    const wait = h.packager.waitFor(0, 5, 5000); // what the preload hint pointed at
    h.feed(fragments.slice(5, 6)); // a keyframe: it became part 1.0 instead
    expect(await settled(wait)).toBe('ready');
    expect(h.packager.getPart(0, 5)).toBeNull();
    expect(h.packager.getPart(1, 0)).toEqual(fragments[5]);
  });

  it('answers at once when the point is already reached, and times out otherwise', async () => {
    const h = harness();
    h.feed([init, ...fragments]);
    expect(await h.packager.waitFor(1, 2, 5000)).toBe('ready');
    expect(await h.packager.waitFor(0, undefined, 5000)).toBe('ready');
    const started = Date.now();
    expect(await h.packager.waitFor(4, 0, 30)).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('resolves every waiter with closed on close(), and later waits too', async () => {
    const h = harness();
    h.feed([init, ...fragments.slice(0, 2)]);
    const waits = [h.packager.waitFor(0, 4, 5000), h.packager.waitFor(1, undefined, 5000)];
    h.packager.close();
    expect(await Promise.all(waits)).toEqual(['closed', 'closed']);
    expect(await h.packager.waitFor(9, 0, 5000)).toBe('closed');
    h.feed(fragments.slice(2, 3)); // ignored after close
    expect(h.packager.getPart(0, 2)).toBeNull();
  });
});

describe('HlsPackager.classifyBlockingRequest', () => {
  it('says ready / wait / too-far / expired / invalid', () => {
    const h = harness({ windowSegments: 3, retainSegments: 2 });
    expect(h.packager.classifyBlockingRequest(0, 0)).toBe('wait'); // nothing yet, the first part is coming
    expect(h.packager.classifyBlockingRequest(2)).toBe('too-far');
    h.feed([init, ...loopFragments(fragments, 3, 51200)]); // segments 0-10 complete, 11 has 5 parts
    const c = (msn: number, part?: number): string => h.packager.classifyBlockingRequest(msn, part);
    expect([c(10), c(11, 4), c(6), c(6, 0)]).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect([c(11), c(11, 5), c(12), c(12, 3)]).toEqual(['wait', 'wait', 'wait', 'wait']);
    expect([c(13), c(13, 0), c(100)]).toEqual(['too-far', 'too-far', 'too-far']); // > last complete (10) + 2
    expect([c(5), c(0, 3)]).toEqual(['expired', 'expired']); // older than the retained window
    expect([c(-1), c(1.5), c(3, -1), c(Number.NaN)]).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
  });
});
