import type { StreamProfile } from '../../../contracts/src/camera';
import { isAudioFailure, nextAudioMode } from '../ingest/audio-failure';
import { buildIngestArgs, type AudioMode } from '../ingest/ffmpeg-args';
import { FAILURE_TEXT, type IngestFailure } from '../ingest/ffmpeg-errors';
import type { IngestExit } from '../ingest/ffmpeg-process';
import { FfmpegProcess } from '../ingest/ffmpeg-process';
import type { ProcessSpawner } from '../ingest/process-spawner';
import { backoffDelay } from '../platform/backoff';
import type { Clock, TimerHandle } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { HlsPackager } from '../packager/hls-packager';
import { classifyIngestExit } from './ingest-exit';
import { streamAudioStatus } from './stream-audio';
import type { AuthFailureBlock, CameraStatusSink, PipelineState, PipelineStatus, StreamInput, StreamInputResolver, ViewerMeta, ViewRecorder } from './stream-types';

/** ffmpeg deaths in a row (no video in between) before they are logged as a gateway fault (error, not warning). */
export const PROCESS_DEATHS_REPORTED_AFTER = 3;

export interface PipelineSettings {
  ffmpegPath: string;
  ioTimeoutSec: number;
  stallTimeoutSec: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  offlineAfterFailures: number;
  fragmentMs: number;
  userAgent: string;
  /** A viewer counts as present while it has requested something within this window. */
  viewerWindowMs: number;
}

export interface PipelineDeps {
  clock: Clock;
  spawner: ProcessSpawner;
  resolver: StreamInputResolver;
  status: CameraStatusSink;
  log: Logger;
  settings: PipelineSettings;
  packager: HlsPackager;
  views?: ViewRecorder;
  /** Cameras that refused our credentials: not contacted again until cleared (accounts lock after a few failures). */
  authBlock?: AuthFailureBlock;
  onStateChange(p: Pipeline): void;
  random?: () => number;
}

/**
 * One camera/profile: an ffmpeg child feeding an in-memory packager, restarted with backoff on faults, killed by
 * the watchdog when fragments stop. The packager outlives restarts so players keep one playlist (with a
 * discontinuity) instead of starting over.
 */
export class Pipeline {
  state: PipelineState = 'starting';
  reasonCode: IngestFailure | 'config' | null = null;
  reason: string | null = null;
  restarts = 0;
  consecutiveFailures = 0;
  /** ffmpeg deaths in a row (killed, crashed): gateway-side, so not in consecutiveFailures nor the camera's status. */
  processDeaths = 0;
  lastRequestAt: number;
  private readonly startedAt: number;
  private liveSince: number | null = null;
  private process: FfmpegProcess | null = null;
  private spawnedAt = 0;
  private fragmentsThisRun = 0;
  /** This run's last two fragments: ffmpeg flushes one more as it exits, so the silence before it is the fact. */
  private lastFragments: [number, number] = [0, 0];
  private retryTimer: TimerHandle | null = null;
  private pendingFault: IngestFailure | null = null;
  private closed = false;
  private readonly viewers = new Map<string, { lastSeen: number; view: number | null }>();
  /** This run's input (audio facts for status()). */
  private input: StreamInput | null = null;
  /** Audio mode learned from a run that died of its audio (see audio-failure.ts); kept for this pipeline's life. */
  private audioFallback: AudioMode | null = null;

  constructor(
    readonly cameraId: string,
    readonly profile: StreamProfile,
    private readonly deps: PipelineDeps,
  ) {
    this.startedAt = deps.clock.now();
    this.lastRequestAt = this.startedAt;
    deps.packager.onFragment(() => this.onFragment());
  }

  get packager(): HlsPackager {
    return this.deps.packager;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  touch(viewerKey: string, meta?: ViewerMeta): void {
    const now = this.deps.clock.now();
    this.lastRequestAt = now;
    const known = this.viewers.get(viewerKey);
    if (known) known.lastSeen = now;
    else this.viewers.set(viewerKey, { lastSeen: now, view: meta && this.deps.views ? this.deps.views.start(this.cameraId, this.profile, meta, now) : null });
  }

  /** Viewers seen within the window; the others have left and their viewing is recorded as ended. */
  viewerCount(now = this.deps.clock.now()): number {
    let n = 0;
    for (const [key, v] of this.viewers) {
      if (now - v.lastSeen <= this.deps.settings.viewerWindowMs) n++;
      else this.dropViewer(key, v);
    }
    return n;
  }

  private dropViewer(key: string, v: { lastSeen: number; view: number | null }): void {
    this.viewers.delete(key);
    if (v.view !== null) this.deps.views?.end(v.view, v.lastSeen);
  }

  start(): void {
    if (this.closed || this.process?.running) return;
    if (this.deps.authBlock?.isBlocked(this.cameraId)) {
      this.fail('auth-failed', FAILURE_TEXT['auth-failed'], false);
      return;
    }
    const resolved = this.deps.resolver.resolve(this.cameraId, this.profile);
    if (!resolved.ok) {
      this.fail('config', resolved.reason, false);
      return;
    }
    const { input } = resolved;
    this.input = input;
    const s = this.deps.settings;
    const audioMode = this.audioMode();
    const args = buildIngestArgs({ inputUrl: input.inputUrl, ioTimeoutSec: s.ioTimeoutSec, videoMode: input.videoMode, audioMode, fragmentMs: s.fragmentMs, userAgent: s.userAgent });
    this.spawnedAt = this.deps.clock.now();
    this.fragmentsThisRun = 0;
    this.pendingFault = null;
    this.deps.log.info({ cameraId: this.cameraId, profile: this.profile, url: input.displayUrl, mode: input.videoMode, audioMode }, 'ingest starting');
    this.process = new FfmpegProcess(
      {
        ffmpegPath: s.ffmpegPath,
        args,
        secrets: input.secrets,
        onData: (chunk) => this.pushData(chunk),
        onExit: (exit) => this.onExit(exit),
        onStderr: (line) => this.deps.log.debug({ cameraId: this.cameraId, profile: this.profile, line }, 'ffmpeg'),
      },
      this.deps.spawner,
      this.deps.clock,
    );
  }

  private pushData(chunk: Buffer): void {
    try {
      this.deps.packager.push(chunk);
    } catch (err) {
      // A malformed MP4 stream: treat as a fault of this run, never crash the gateway.
      this.deps.log.warn({ cameraId: this.cameraId, profile: this.profile, err: (err as Error).message }, 'packager rejected ingest data');
      this.pendingFault = 'invalid-data';
      void this.process?.abort();
    }
  }

  private onFragment(): void {
    this.fragmentsThisRun++;
    this.lastFragments = [this.lastFragments[1], this.deps.clock.now()];
    this.processDeaths = 0;
    if (this.state !== 'live') {
      this.consecutiveFailures = 0;
      this.liveSince = this.deps.clock.now();
      this.setState('live', null, null);
      this.deps.status.online(this.cameraId);
    }
  }

  private onExit(exit: IngestExit): void {
    this.process = null;
    if (this.closed || exit.requested) return;
    const hadVideo = this.fragmentsThisRun > 0;
    if (!hadVideo && this.fallBackFromAudio(exit)) return;
    const now = this.deps.clock.now();
    const [previous, last] = this.lastFragments;
    // The longest gap at the end: before the exit, or before the fragment ffmpeg flushed while exiting.
    const silentMs = hadVideo ? Math.max(now - last, this.fragmentsThisRun > 1 ? last - previous : 0) : now - this.spawnedAt;
    const failure = classifyIngestExit({
      stderrClass: exit.failure,
      signal: exit.signal,
      code: exit.code,
      pendingFault: this.pendingFault,
      hadVideo,
      silentMs,
      ioTimeoutMs: this.deps.settings.ioTimeoutSec * 1000,
    });
    this.deps.log.warn({ cameraId: this.cameraId, profile: this.profile, failure, stderrClass: exit.failure, code: exit.code, signal: exit.signal, detail: exit.detail }, 'ingest stopped');
    if (failure === 'exited') this.processDied();
    else this.fail(failure, FAILURE_TEXT[failure], true);
  }

  private audioMode(): AudioMode {
    return this.audioFallback ?? this.input?.audioMode ?? 'transcode-aac';
  }

  /**
   * The run died of its audio before any video (a G.711 camera tested as AAC, an audio codec ffmpeg cannot
   * decode): retry at once with the next audio mode, down to video only. Not a camera failure: its video is fine.
   */
  private fallBackFromAudio(exit: IngestExit): boolean {
    const next = nextAudioMode(this.audioMode());
    if (!next || !isAudioFailure(exit.detail)) return false;
    this.deps.log.warn({ cameraId: this.cameraId, profile: this.profile, from: this.audioMode(), to: next, detail: exit.detail }, 'ingest audio failed: retrying with the next audio mode');
    this.audioFallback = next;
    this.scheduleRestart(0);
    return true;
  }

  /**
   * ffmpeg was killed or crashed: our fault, not the camera's. Restart it without touching the camera's failure count
   * or status (no camera alarm); repeated deaths are reported as a gateway fault.
   */
  private processDied(): void {
    this.processDeaths++;
    this.liveSince = null;
    const fields = { cameraId: this.cameraId, profile: this.profile, inARow: this.processDeaths };
    if (this.processDeaths >= PROCESS_DEATHS_REPORTED_AFTER) {
      this.deps.log.error(fields, 'ingest process keeps dying: gateway fault');
    } else this.deps.log.warn(fields, 'ingest process died: restarting (not counted against the camera)');
    this.setState('reconnecting', 'exited', FAILURE_TEXT.exited);
    this.scheduleRestart(this.processDeaths - 1);
  }

  private fail(code: IngestFailure | 'config', text: string, retry: boolean): void {
    this.consecutiveFailures++;
    this.liveSince = null;
    const offline = code === 'auth-failed' || code === 'config' || this.consecutiveFailures >= this.deps.settings.offlineAfterFailures;
    this.setState(offline ? 'offline' : 'reconnecting', code, text);
    if (offline) this.deps.status.offline(this.cameraId, { code, text });
    if (code === 'auth-failed') {
      // Cameras lock an account after a few failed logins: no retry until the credentials change or an operator asks.
      this.deps.authBlock?.block(this.cameraId);
      return;
    }
    if (!retry && code === 'config') return;
    this.scheduleRestart(this.consecutiveFailures - 1);
  }

  private scheduleRestart(attempt: number): void {
    const delay = backoffDelay(attempt, {
      initialMs: this.deps.settings.backoffInitialMs,
      maxMs: this.deps.settings.backoffMaxMs,
      random: this.deps.random,
    });
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      this.restarts++;
      this.deps.packager.discontinuity();
      this.start();
    }, delay);
  }

  /** Called by the manager's sweep: a live stream without a new fragment for too long is killed and restarted. */
  checkWatchdog(now: number): void {
    const proc = this.process;
    if (!proc?.running) return;
    const last = this.deps.packager.stats().lastFragmentAt;
    const s = this.deps.settings;
    const since = this.fragmentsThisRun > 0 && last !== null ? now - last : now - this.spawnedAt;
    const limit = this.fragmentsThisRun > 0 ? s.stallTimeoutSec * 1000 : Math.max(s.stallTimeoutSec, s.ioTimeoutSec * 2 + 2) * 1000;
    if (since > limit && !this.pendingFault) {
      this.deps.log.warn({ cameraId: this.cameraId, profile: this.profile, sinceMs: since }, 'watchdog: no fragment, restarting ingest');
      this.pendingFault = 'stalled';
      void proc.abort();
    }
  }

  private setState(state: PipelineState, code: IngestFailure | 'config' | null, text: string | null): void {
    const changed = state !== this.state || text !== this.reason;
    this.state = state;
    this.reasonCode = code;
    this.reason = text;
    if (changed) this.deps.onStateChange(this);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) this.deps.clock.clearTimeout(this.retryTimer);
    for (const [key, v] of this.viewers) this.dropViewer(key, v);
    const proc = this.process;
    this.deps.packager.close();
    if (proc) await proc.stop();
  }

  status(now = this.deps.clock.now()): PipelineStatus {
    const st = this.deps.packager.stats();
    return {
      cameraId: this.cameraId,
      profile: this.profile,
      state: this.state,
      reasonCode: this.reasonCode,
      reason: this.reason,
      viewers: this.viewerCount(now),
      fps: st.fps,
      bitrateBps: st.bitrateBps,
      lastFragmentAgeMs: st.lastFragmentAt === null ? null : now - st.lastFragmentAt,
      restarts: this.restarts,
      consecutiveFailures: this.consecutiveFailures,
      startedAt: new Date(this.startedAt).toISOString(),
      liveSince: this.liveSince === null ? null : new Date(this.liveSince).toISOString(),
      pid: this.process?.pid ?? null,
      codec: st.codec,
      width: st.width,
      height: st.height,
      audio: streamAudioStatus(st.audioCodec, this.audioMode(), this.input?.audioCodec ?? null),
      codecs: st.codecs,
    };
  }
}
