import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveUrl } from '../../gateway/gateway-types';
import type { PlayerEvent } from './tile-state';

// A stand-in for hls.js: records what the player does with it.
const instances: FakeHls[] = [];
class FakeHls {
  static isSupported = () => true;
  static DefaultConfig = {
    loader: class {
      load() {}
    },
  };
  handlers = new Map<string, (event: string, data: unknown) => void>();
  source: string | null = null;
  destroyed = false;
  recovered = 0;
  latency = 1.25;
  constructor(readonly config: { xhrSetup: (xhr: { open: (...a: unknown[]) => void }, url: string) => void }) {
    instances.push(this);
  }
  on(event: string, cb: (event: string, data: unknown) => void) {
    this.handlers.set(event, cb);
  }
  attachMedia() {}
  loadSource(url: string) {
    this.source = url;
  }
  destroy() {
    this.destroyed = true;
  }
  recoverMediaError() {
    this.recovered++;
  }
  fire(event: string, data: unknown) {
    this.handlers.get(event)?.(event, data);
  }
  /** The URL the player's xhrSetup would really request for `url`. */
  requested(url: string): string {
    let opened = '';
    this.config.xhrSetup({ open: (_m, u) => (opened = String(u)) }, url);
    return opened;
  }
}
vi.mock('hls.js', () => ({
  default: FakeHls,
  Events: { ERROR: 'hlsError', MANIFEST_PARSED: 'hlsManifestParsed', LEVEL_UPDATED: 'hlsLevelUpdated', BUFFER_APPENDED: 'hlsBufferAppended', FRAG_BUFFERED: 'hlsFragBuffered' },
  ErrorTypes: { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' },
}));
const { LivePlayer } = await import('./live-player');

function fakeVideo() {
  return {
    muted: false, currentTime: 0, paused: false, seeking: false, readyState: 4, srcObject: null,
    play: vi.fn(() => Promise.resolve()), getAttribute: () => null, removeAttribute: vi.fn(), load: vi.fn(),
  };
}

const TTL_MS = 30_000;
function setup() {
  let n = 0;
  const fetchLiveUrl = vi.fn(async (): Promise<LiveUrl> => {
    const now = Date.now();
    n++;
    return { url: `https://gw/hls/c1/sub/index.m3u8?token=t${n}`, expiresAt: new Date(now + TTL_MS).toISOString(), serverDateMs: now, receivedAtMs: now };
  });
  const events: PlayerEvent[] = [];
  const video = fakeVideo();
  const player = new LivePlayer({ video: video as unknown as HTMLVideoElement, cameraId: 'c1', profile: 'sub', fetchLiveUrl, emit: (e) => events.push(e), workerPath: null });
  return { player, video, events, fetchLiveUrl, types: () => events.map((e) => e.type) };
}
const latest = () => instances[instances.length - 1]!;
/** Advances time in 500 ms steps with the playhead moving, as a playing video would. */
async function playFor(video: { currentTime: number }, ms: number) {
  for (let t = 0; t < ms; t += 500) {
    video.currentTime += 0.5;
    await vi.advanceTimersByTimeAsync(500);
  }
}
const seg = 'https://gw/hls/c1/sub/seg/7.m4s?token=t1';

describe('LivePlayer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    instances.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('swaps in a fresh token before expiry without reloading the source', async () => {
    const { player, video, fetchLiveUrl, types } = setup();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(instances).toHaveLength(1);
    expect(latest().source).toBe('https://gw/hls/c1/sub/index.m3u8?token=t1');
    expect(latest().requested(seg)).toBe(seg);
    await playFor(video, 23_000); // 30 s token: refreshed a quarter early, at 22.5 s
    expect(fetchLiveUrl).toHaveBeenCalledTimes(2);
    expect(latest().requested(seg)).toBe('https://gw/hls/c1/sub/seg/7.m4s?token=t2');
    await playFor(video, 23_000);
    expect(types().filter((t) => t !== 'progress')).toEqual(['connect']);
    expect(latest().requested(seg)).toBe('https://gw/hls/c1/sub/seg/7.m4s?token=t3');
    expect(instances).toHaveLength(1);
    player.dispose();
  });

  it('reports progress as live, a stopped playhead as frozen, and recreates the player after 10 s', async () => {
    const { player, video, types, events } = setup();
    player.start();
    await vi.advanceTimersByTimeAsync(500);
    for (let i = 0; i < 4; i++) {
      video.currentTime += 0.5;
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(events.at(-1)).toEqual({ type: 'progress', latencySec: 1.25 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(types()).toContain('frozen');
    expect(instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(7000);
    expect(latest().destroyed).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'failed', reason: { kind: 'local', code: 'frozen' } });
    await vi.advanceTimersByTimeAsync(1000); // backoff 1 s
    expect(instances).toHaveLength(2);
    player.dispose();
  });

  it('recovers a fatal media error once, then recreates with backoff', async () => {
    const { player } = setup();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = latest();
    first.fire('hlsError', { fatal: true, type: 'mediaError', details: 'bufferAppendError' });
    expect(first.recovered).toBe(1);
    expect(first.destroyed).toBe(false);
    first.fire('hlsError', { fatal: true, type: 'mediaError', details: 'bufferAppendError' });
    expect(first.recovered).toBe(1);
    expect(first.destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(instances).toHaveLength(2);
    player.dispose();
  });

  it('reports a stream it cannot decode (a fatal media error after the recovery) and connects anew with a new URL', async () => {
    const { fetchLiveUrl } = setup();
    const undecodable = vi.fn();
    const player = new LivePlayer({ video: fakeVideo() as unknown as HTMLVideoElement, cameraId: 'c1', profile: 'main', fetchLiveUrl, emit: () => undefined, workerPath: null, onUndecodable: undecodable });
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().fire('hlsError', { fatal: true, type: 'mediaError', details: 'bufferAppendError' });
    expect(undecodable).not.toHaveBeenCalled();
    latest().fire('hlsError', { fatal: true, type: 'mediaError', details: 'bufferAppendError' });
    expect(undecodable).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchLiveUrl).toHaveBeenCalledTimes(2); // the fresh URL was dropped: the caller may ask for another delivery
    player.dispose();
  });

  it('retries network failures at 1, 2, 4, 8, 10, 10 s, reusing a still-fresh live URL', async () => {
    const { player, fetchLiveUrl } = setup();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      latest().fire('hlsError', { fatal: true, type: 'networkError', details: 'manifestLoadError', response: { code: 502, text: '' } });
      const before = instances.length;
      let waited = 0;
      while (instances.length === before) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    // 35 s passed: the URL was refreshed by its timer, never refetched per retry
    expect(fetchLiveUrl.mock.calls.length).toBeLessThanOrEqual(3);
    player.dispose();
  });

  it('a 503 playlist is offline with the gateway message, unless the body says the pipeline is starting', async () => {
    const { player, events } = setup();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    latest().fire('hlsError', { fatal: true, type: 'networkError', details: 'manifestLoadError', response: { code: 503, text: 'connection refused' } });
    expect(events.at(-1)).toEqual({ type: 'offline', reason: { kind: 'gateway', code: 'http_503', message: 'connection refused' } });
    // the JSON body of the 503 is read from the XHR: a pipeline still starting is "not yet", not offline
    class FakeXhr {
      responseType = '';
      responseText = '{"error":"stream_unavailable","state":"starting","message":"stream starting"}';
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    await vi.advanceTimersByTimeAsync(1000);
    latest().fire('hlsError', { fatal: true, type: 'networkError', details: 'manifestLoadError', response: { code: 503, text: '' }, networkDetails: new FakeXhr() });
    expect(events.at(-1)).toEqual({ type: 'starting', detail: 'pipeline-starting' });
    vi.unstubAllGlobals();
    player.dispose();
  });

  it('a cold start without a segment yet is "starting", retried every 500 ms without an error, until the connect timeout', async () => {
    const { player, events, types, fetchLiveUrl } = setup();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    const empty = { fatal: true, type: 'networkError', details: 'levelEmptyError', response: { code: 200, text: '' } };
    latest().fire('hlsError', empty);
    expect(events.at(-1)).toEqual({ type: 'starting', detail: 'empty-playlist' });
    expect(latest().destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(499);
    expect(instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(instances).toHaveLength(2);
    expect(fetchLiveUrl).toHaveBeenCalledTimes(1);
    expect(types()).not.toContain('failed');
    // Still no segment when the connect timeout is up: now it is a failure the tile shows.
    for (let t = 500; t < 20_000; t += 500) {
      latest().fire('hlsError', empty);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(types().filter((t) => t !== 'starting' && t !== 'connect')).toEqual([]);
    latest().fire('hlsError', empty);
    expect(events.at(-1)).toEqual({ type: 'failed', reason: { kind: 'local', code: 'network', detail: 'levelEmptyError' } });
    player.dispose();
  });

  it('sets the live edge limit from the playlist once it is known', async () => {
    const { player } = setup();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    const hls = latest() as unknown as { config: Record<string, unknown>; fire: (e: string, d: unknown) => void };
    hls.fire('hlsLevelUpdated', { details: { targetduration: 4, partHoldBack: 0.6, holdBack: 0 } });
    expect(hls.config.liveMaxLatencyDuration).toBeCloseTo(9.6);
    player.dispose();
  });

  it('an offline answer to the live-URL request is offline and retried', async () => {
    const { player, events, fetchLiveUrl } = setup();
    const { GatewayError } = await import('../../gateway/gateway-error');
    fetchLiveUrl.mockRejectedValueOnce(new GatewayError(404, 'not_found', 'camera not found'));
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(events.at(-1)).toEqual({ type: 'offline', reason: { kind: 'gateway', code: 'not_found', message: 'camera not found' } });
    expect(instances).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(instances).toHaveLength(1);
    player.dispose();
  });

  it('beyond the connection budget: plain HLS (lowLatencyMode off, a playlist loader that drops the LL tags)', async () => {
    const player = new LivePlayer({ video: fakeVideo() as unknown as HTMLVideoElement, cameraId: 'c1', profile: 'sub', fetchLiveUrl: setup().fetchLiveUrl, emit: () => undefined, workerPath: null, lowLatency: false });
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    const config = latest().config as unknown as { lowLatencyMode: boolean; pLoader?: unknown };
    expect(config.lowLatencyMode).toBe(false);
    expect(config.pLoader).toBeTypeOf('function');
    player.dispose();
  });

  it('dispose stops everything', async () => {
    const { player, fetchLiveUrl } = setup();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    player.dispose();
    expect(latest().destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(instances).toHaveLength(1);
    expect(fetchLiveUrl).toHaveBeenCalledTimes(1);
  });
});
