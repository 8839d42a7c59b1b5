// One tile's player: fetches a live URL, runs hls.js, keeps the token fresh, watches the playhead, and retries with
// backoff. It reports what it sees as PlayerEvents; tile-state.ts decides what the tile shows.
import Hls, { ErrorTypes, Events, type ErrorData } from 'hls.js';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { parseErrorBody, toGatewayError } from '../../gateway/gateway-error';
import type { LiveUrl } from '../../gateway/gateway-types';
import { backoffDelayMs } from './backoff';
import { CONNECT_TIMEOUT_MS, isFrozen, RESTART_AFTER_FROZEN_MS, sampleFreeze, startFreezeState, type FreezeState } from './freeze-detector';
import { liveHlsConfig } from './hls-config';
import { isStillComing, type PlayerEvent, type TileReason } from './tile-state';
import { REFRESH_RETRY_MS, refreshDelayMs } from './token-refresh';
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
}

const SAMPLE_EVERY_MS = 500;

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
  private attempt = 0;
  private seq = 0;
  private mediaRecoveryUsed = false;
  private everAdvanced = false;
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
    this.o.video.muted = true;
    this.sampleTimer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
    void this.connect();
  }

  dispose(): void {
    this.disposed = true;
    this.seq++;
    clearInterval(this.sampleTimer);
    clearTimeout(this.retryTimer);
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
    let live: LiveUrl;
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
    this.token = tokenOf(live.url) ?? '';
    this.scheduleRefresh(live, seq);

    const hls = new Hls(liveHlsConfig({ getToken: () => this.token, workerPath: this.o.workerPath }));
    this.hls = hls;
    this.mediaRecoveryUsed = false;
    this.everAdvanced = false;
    this.freeze = null;
    hls.on(Events.ERROR, (_event, data) => this.onError(hls, data));
    hls.on(Events.MANIFEST_PARSED, () => this.play());
    hls.attachMedia(this.o.video);
    hls.loadSource(this.o.mapUrl ? this.o.mapUrl(live.url) : live.url);
  }

  private play(): void {
    this.o.video.play().catch(() => {
      // autoplay of a muted video is allowed; a rejected play() is retried by the sampler
    });
  }

  /** Fetches a fresh URL before the token expires; only its token is used, the source is not reloaded. */
  private scheduleRefresh(timing: LiveUrl, seq: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(seq), refreshDelayMs(timing, this.now()));
  }

  private async refresh(seq: number): Promise<void> {
    try {
      const live = await this.o.fetchLiveUrl(this.o.cameraId, this.o.profile);
      if (seq !== this.seq) return;
      this.token = tokenOf(live.url) ?? this.token;
      this.scheduleRefresh(live, seq);
    } catch {
      if (seq !== this.seq) return;
      // The current token is still valid for a while; if it runs out, requests fail and the retry loop reconnects.
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => void this.refresh(seq), REFRESH_RETRY_MS);
    }
  }

  private onError(hls: Hls, data: ErrorData): void {
    if (hls !== this.hls || !data.fatal) return;
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
        this.o.emit({ type: 'failed', reason: { kind: 'local', code: 'network', detail: status ? `HTTP ${status}` : data.details } });
      }
    } else {
      this.o.emit({ type: 'failed', reason: { kind: 'local', code: 'media', detail: data.details } });
    }
    this.restart();
  }

  private restart(): void {
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
    clearTimeout(this.refreshTimer);
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
      this.attempt = 0;
      this.o.emit({ type: 'progress', latencySec: hls.latency });
      return;
    }
    if (video.paused && video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) this.play();
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
