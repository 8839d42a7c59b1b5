// hls.js tuned for live viewing on a wall: LL-HLS at the server's PART-HOLD-BACK, small buffers, gentle catch-up,
// and a token that is swapped on every request so a refresh never reloads the source.
import type { HlsConfig, LoaderConfig, LoaderContext } from 'hls.js';
import { withToken } from './token-url';

/** Statuses where retrying the same request cannot help: the tile's own retry loop takes over (with a fresh URL). */
const FINAL_STATUSES = new Set([401, 403, 404, 503]);

export function shouldRetryRequest(status: number | undefined, retry: boolean): boolean {
  return status !== undefined && FINAL_STATUSES.has(status) ? false : retry;
}

function playlistPolicy(ttfbMs: number, loadMs: number, errorRetries: number): { default: LoaderConfig } {
  return {
    default: {
      maxTimeToFirstByteMs: ttfbMs,
      maxLoadTimeMs: loadMs,
      timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: {
        maxNumRetry: errorRetries,
        retryDelayMs: 500,
        maxRetryDelayMs: 2000,
        shouldRetry: (_cfg, _count, _timeout, response, retry) => shouldRetryRequest(response?.code, retry),
      },
    },
  };
}

export interface LiveHlsOptions {
  /** The newest HLS token; read on every request. */
  getToken: () => string;
  /** URL of hls.worker.js served from our own origin, or null to transmux on the main thread. */
  workerPath: string | null;
  /**
   * LL-HLS with blocking playlist reloads and preload hints (two requests held open per tile). Off, the tile polls
   * whole segments like plain HLS: for tiles beyond the connection budget of an HTTP/1.1 console.
   */
  lowLatency?: boolean;
}

/**
 * Where hls.js stops catching up by playback rate and seeks to the live position instead. It cannot go into the
 * constructor's config: hls.js only accepts liveMaxLatencyDuration together with liveSyncDuration, and any
 * liveSyncDuration(Count) given there replaces the playlist's PART-HOLD-BACK/HOLD-BACK as the target latency. So the
 * player sets it on hls.config once the playlist (and its target duration) is known.
 * Room above the target: two target durations (hls.js adds up to one after stalls, liveSyncOnStallIncrease) + 1 s.
 */
export function liveMaxLatencySec(details: { targetduration: number; partHoldBack: number; holdBack: number }, lowLatency: boolean): number {
  const td = details.targetduration > 0 ? details.targetduration : 1;
  const target = lowLatency && details.partHoldBack > 0 ? details.partHoldBack : details.holdBack > 0 ? details.holdBack : 3 * td;
  return Math.max(4, target + 2 * td + 1);
}

export function liveHlsConfig({ getToken, workerPath, lowLatency = true }: LiveHlsOptions): Partial<HlsConfig> {
  return {
    debug: false,
    enableWorker: workerPath !== null,
    workerPath,
    lowLatencyMode: lowLatency,
    // Latency: no liveSyncDuration(Count) here, so hls.js sits at the server's PART-HOLD-BACK (3 parts, 0.6 s)
    // in LL mode, or HOLD-BACK / 3 target durations otherwise, and adds 1 s per stall (liveSyncOnStallIncrease, at
    // most one target duration) so a tile that stalls backs off by itself. Catch-up by rate up to 1.2×.
    maxLiveSyncPlaybackRate: 1.2,
    liveDurationInfinity: true,
    // Buffers: a wall of 16 tiles must not hoard memory.
    maxBufferLength: 4,
    maxMaxBufferLength: 8,
    backBufferLength: 10,
    maxBufferSize: 8 * 1000 * 1000,
    startLevel: -1,
    capLevelToPlayerSize: false,
    manifestLoadPolicy: playlistPolicy(15_000, 20_000, 1),
    playlistLoadPolicy: playlistPolicy(10_000, 20_000, 2),
    xhrSetup: (xhr: XMLHttpRequest, url: string) => {
      xhr.open('GET', withToken(url, getToken()), true);
    },
    fetchSetup: (context: LoaderContext, initParams: RequestInit) => new Request(withToken(context.url, getToken()), initParams),
  };
}

/**
 * hls.js for recordings (VOD playlists of byte ranges, issue 14): not low-latency, loading starts where the caller
 * seeks (autoStartLoad off: the wall-clock position is known only once the playlist is read), a buffer of some
 * seconds ahead so 8× playback does not starve, and the token in the playlist URL (relative segment URIs carry it).
 */
export function vodHlsConfig(): Partial<HlsConfig> {
  return {
    debug: false,
    enableWorker: false,
    lowLatencyMode: false,
    autoStartLoad: false,
    maxBufferLength: 20,
    maxMaxBufferLength: 40,
    backBufferLength: 30,
    maxBufferSize: 30 * 1000 * 1000,
    manifestLoadPolicy: playlistPolicy(10_000, 20_000, 1),
    playlistLoadPolicy: playlistPolicy(10_000, 20_000, 1),
  };
}
