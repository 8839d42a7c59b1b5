// One tile's player: fetches a live URL, runs hls.js, keeps the token fresh, watches the playhead, and retries with
// backoff. It reports what it sees as PlayerEvents; tile-state.ts decides what the tile shows.
import Hls, { ErrorTypes, Events, type ErrorData } from 'hls.js';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { parseErrorBody, toGatewayError } from '../../gateway/gateway-error';
import type { LiveUrl } from '../../gateway/gateway-types';
import { backoffDelayMs } from './backoff';
import { CONNECT_TIMEOUT_MS, isFrozen, RESTART_AFTER_FROZEN_MS, sampleFreeze, startFreezeState, type FreezeState } from './freeze-detector';
import { liveHlsConfig, liveMaxLatencySec } from './hls-config';
import { plainPlaylistLoader } from './plain-playlist-loader';
import { bufferedRanges, jumpToLivePosition, peekPosition } from './start-position';
import { startupRetry, STARTUP_RETRY_MS } from './startup-errors';
import { isStillComing, type PlayerEvent, type TileReason } from './tile-state';
import { expiresAtClientMs, REFRESH_RETRY_MS, refreshAtMs, refreshDelayMs } from './token-refresh';
import { tokenOf } from './token-url';

export interface LivePlayerOptions {
  video: HTMLVideoElement;
  cameraId: string;
  profile: StreamProfile;
  fetchLiveUrl: (cameraId: string, profile: StreamProfile) => Promise<LiveUrl>;
  emit: (event: PlayerEvent) => void;
  workerPath: string | null;
  /** Adjusts the playlist URL before use (development proxy); identity by default. */
  mapUrl?: (url: string) => string;
  now?: () => number;
  isHidden?: () => boolean;
  /** LL-HLS with blocking reloads (default); off for tiles beyond an HTTP/1.1 console's connection budget. */
  lowLatency?: boolean;
  /**
   * The browser could not decode this stream (a fatal media error again after one recovery): the next connect
   * fetches a new live URL, and the caller may ask for another delivery there (H.265 untouched → H.264).
   */
  onUndecodable?: () => void;
}

const SAMPLE_EVERY_MS = 500;
/** After showing the first keyframe, how long the tile may still jump to the live position (the GOP's parts load). */
const JUMP_WINDOW_MS = 5000;
/** HTMLMediaElement.HAVE_FUTURE_DATA, spelled out so the module loads outside a browser (tests). */
const HAVE_FUTURE_DATA = 3;

/** Statuses of the live-URL request that mean "this camera cannot be played now", not "the network hiccuped". */
const OFFLINE_STATUSES = new Set([403, 404, 503]);

function responseText(details: unknown): string | null {
  try {
    if (typeof XMLHttpRequest !== 'undefined' && details instanceof XMLHttpRequest && (details.responseType === '' || details.responseType === 'text')) {
      return details.responseText;
    }
  } catch {
    // reading responseText of an aborted request can throw
  }
  return null;
}

export class LivePlayer {
  private hls: Hls | null = null;
  private token = '';
  /** The newest live URL; reused across retries while its token is fresh (each new one is an audit record). */
  private live: LiveUrl | null = null;
  private attempt = 0;
  private seq = 0;
  private mediaRecoveryUsed = false;
  private everAdvanced = false;
  /** When this player began trying to show a first picture; startup conditions are retried quietly until the connect timeout. */
  private startupSince: number | null = null;
  private freeze: FreezeState | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private sampleTimer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly o: LivePlayerOptions) {
    this.now = o.now ?? Date.now;
  }

  start(): void {
    this.startupSince = this.now();
    this.o.video.muted = true;
    this.sampleTimer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
    void this.connect();
  }

  dispose(): void {
    this.disposed = true;
    this.seq++;
    clearInterval(this.sampleTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    this.teardown();
  }

  private async connect(): Promise<void> {
    const seq = ++this.seq;
    this.teardown();
    this.o.emit({ type: 'connect' });
    if (!Hls.isSupported()) {
      this.o.emit({ type: 'offline', reason: { kind: 'local', code: 'unsupported' } });
      return;
    }
    let live = this.live && this.now() < refreshAtMs(this.live) ? this.live : null;
    if (!live) {
      try {
        live = await this.o.fetchLiveUrl(this.o.cameraId, this.o.profile);
      } catch (error) {
        if (seq !== this.seq) return;
        const e = toGatewayError(error);
        const reason: TileReason = e.isNetwork ? { kind: 'local', code: 'network', detail: e.message } : { kind: 'gateway', code: e.code, message: e.message };
        this.o.emit(OFFLINE_STATUSES.has(e.status) ? { type: 'offline', reason } : { type: 'failed', reason });
        this.scheduleRetry();
        return;
      }
      if (seq !== this.seq) return;
      this.acceptLiveUrl(live);
    }

    const lowLatency = this.o.lowLatency ?? true;
    const config = liveHlsConfig({ getToken: () => this.token, workerPath: this.o.workerPath, lowLatency });
    const hls = new Hls(lowLatency ? config : { ...config, pLoader: plainPlaylistLoader(Hls.DefaultConfig.loader) });
    this.hls = hls;
    this.mediaRecoveryUsed = false;
    this.everAdvanced = false;
    this.freeze = null;
    hls.on(Events.ERROR, (_event, data) => this.onError(hls, data));
    hls.on(Events.LEVEL_UPDATED, (_event, data) => {
      hls.config.liveMaxLatencyDuration = liveMaxLatencySec(data.details, lowLatency);
    });
    hls.on(Events.MANIFEST_PARSED, () => this.play());
    this.showPictureEarly(hls);
    hls.attachMedia(this.o.video);
    hls.loadSource(this.o.mapUrl ? this.o.mapUrl(live.url) : live.url);
  }

  /**
   * See start-position.ts: the keyframe on the first appended part, then the live position once buffered. The jump
   * is only part of a start from a keyframe (for a few seconds after it); later lags are hls.js's to catch up.
   */
  private showPictureEarly(hls: Hls): void {
    const video = this.o.video;
    let jumpUntil: number | null = null;
    hls.on(Events.BUFFER_APPENDED, () => {
      if (jumpUntil !== null || hls !== this.hls) return;
      const at = peekPosition(video.currentTime, bufferedRanges(video));
      if (at === null) return;
      jumpUntil = this.now() + JUMP_WINDOW_MS;
      video.currentTime = at;
    });
    hls.on(Events.FRAG_BUFFERED, () => {
      if (jumpUntil === null || this.now() > jumpUntil || hls !== this.hls) return;
      const at = jumpToLivePosition(video.currentTime, hls.liveSyncPosition, bufferedRanges(video));
      if (at === null) return;
      jumpUntil = 0;
      video.currentTime = at;
    });
  }

  private play(): void {
    this.o.video.play().catch(() => {
      // autoplay of a muted video is allowed; a rejected play() is retried by the sampler
    });
  }

  /**
   * Token refresh: a fresh URL is fetched before the token expires; only its token is taken (xhrSetup/fetchSetup
   * put it on every following request), the hls.js source is never reloaded.
   */
  private acceptLiveUrl(live: LiveUrl): void {
    this.live = live;
    this.token = tokenOf(live.url) ?? '';
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), refreshDelayMs(live, this.now()));
  }

  private async refresh(): Promise<void> {
    try {
      const live = await this.o.fetchLiveUrl(this.o.cameraId, this.o.profile);
      if (!this.disposed) this.acceptLiveUrl(live);
    } catch {
      if (this.disposed) return;
      clearTimeout(this.refreshTimer);
      // While the current token still works, try again soon. Once it has expired, stop: requests fail, the retry
      // loop reconnects, and its connect() fetches a new URL (which restarts this refresh cycle).
      if (this.live && this.now() + REFRESH_RETRY_MS < expiresAtClientMs(this.live)) {
        this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_RETRY_MS);
      } else {
        this.live = null;
      }
    }
  }

  private onError(hls: Hls, data: ErrorData): void {
    if (hls !== this.hls || !data.fatal) return;
    // A stream still starting (playlist without a complete segment yet, a 503 saying "starting") is not an error:
    // the tile keeps saying "connecting" and tries again soon, until the connect timeout.
    const startup = this.startupSince === null ? null : startupRetry(data, responseText(data.networkDetails), this.now() - this.startupSince);
    if (startup) {
      this.o.emit({ type: 'starting', detail: startup });
      this.seq++;
      this.teardown();
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.connect(), STARTUP_RETRY_MS);
      return;
    }
    if (data.type === ErrorTypes.MEDIA_ERROR && !this.mediaRecoveryUsed) {
      this.mediaRecoveryUsed = true;
      this.o.emit({ type: 'recovering', reason: { kind: 'local', code: 'media', detail: data.details } });
      hls.recoverMediaError();
      return;
    }
    if (data.type === ErrorTypes.NETWORK_ERROR) {
      const status = data.response?.code;
      if (status === 503) {
        const e = parseErrorBody(503, responseText(data.networkDetails), data.response?.text);
        const reason: TileReason = { kind: 'gateway', code: e.code, message: e.message };
        this.o.emit(isStillComing(e.state) ? { type: 'failed', reason } : { type: 'offline', reason });
      } else {
        // 401/403: the token was refused (expired while the refresh failed, or rights changed): start from a new URL.
        if (status === 401 || status === 403) this.live = null;
        this.o.emit({ type: 'failed', reason: { kind: 'local', code: 'network', detail: status && status >= 400 ? `HTTP ${status}` : data.details } });
      }
    } else {
      if (this.o.onUndecodable) {
        this.o.onUndecodable();
        this.live = null;
      }
      this.o.emit({ type: 'failed', reason: { kind: 'local', code: 'media', detail: data.details } });
    }
    this.restart();
  }

  private restart(): void {
    // A real failure: the next attempt's own startup may again be retried quietly.
    this.startupSince = this.now();
    this.seq++;
    this.teardown();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.disposed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), backoffDelayMs(this.attempt++));
  }

  private teardown(): void {
    this.freeze = null;
    const hls = this.hls;
    this.hls = null;
    if (hls) hls.destroy();
    // Drop the last picture: a stale frame must not look live.
    const video = this.o.video;
    if (video.getAttribute('src') !== null || video.srcObject) {
      video.removeAttribute('src');
      video.srcObject = null;
      video.load();
    }
  }

  private sample(): void {
    const hls = this.hls;
    if (!hls || this.disposed) return;
    const video = this.o.video;
    const now = this.now();
    if (!this.freeze) {
      this.freeze = startFreezeState(video.currentTime, now);
      return;
    }
    const check = sampleFreeze(this.freeze, { currentTime: video.currentTime, paused: video.paused, seeking: video.seeking }, now);
    this.freeze = check.state;
    if (check.advanced) {
      this.everAdvanced = true;
      this.startupSince = null;
      this.attempt = 0;
      this.o.emit({ type: 'progress', latencySec: hls.latency });
      return;
    }
    if (video.paused && video.readyState >= HAVE_FUTURE_DATA) this.play();
    // Hidden windows throttle timers and decoding: no verdicts there, and the stall clock restarts on return.
    if (this.o.isHidden?.()) {
      this.freeze = { ...check.state, lastAdvanceAt: now };
      return;
    }
    if (this.everAdvanced && isFrozen(check.stalledMs)) {
      this.o.emit({ type: 'frozen' });
      if (check.stalledMs >= RESTART_AFTER_FROZEN_MS) {
        this.o.emit({ type: 'failed', reason: { kind: 'local', code: 'frozen' } });
        this.restart();
      }
    } else if (!this.everAdvanced && check.stalledMs >= CONNECT_TIMEOUT_MS) {
      this.o.emit({ type: 'failed', reason: { kind: 'local', code: 'network', detail: 'timeout' } });
      this.restart();
    }
  }
}
