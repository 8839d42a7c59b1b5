// hls.js tuned for live viewing on a wall: LL-HLS, ~1.2 s behind the live edge, small buffers, gentle catch-up,
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
}

export function liveHlsConfig({ getToken, workerPath }: LiveHlsOptions): Partial<HlsConfig> {
  return {
    debug: false,
    enableWorker: workerPath !== null,
    workerPath,
    lowLatencyMode: true,
    // Latency: sit ~1.2 s behind the edge (parts are 200 ms, segments 1 s); jump forward past 4 s.
    liveSyncDuration: 1.2,
    liveMaxLatencyDuration: 4,
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
