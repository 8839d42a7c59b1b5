import type { StreamProfile, WireTransport } from '../../../contracts/src/camera';
import type { FfmpegIngestReason, IngestPath, PipelineReasonCode, StreamVideo } from '../../../contracts/src/stream-status';
import { isAudioFailure, nextAudioMode } from '../ingest/audio-failure';
import { buildIngestArgs, type AudioMode } from '../ingest/ffmpeg-args';
import { FAILURE_TEXT, failureText, type IngestFailure } from '../ingest/ffmpeg-errors';
import { FfmpegProcess } from '../ingest/ffmpeg-process';
import type { IngestExit, IngestRun } from '../ingest/ingest-run';
import { RtmpPushIngest, type PushSource } from '../inprocess-ingest/rtmp-push-ingest';
import { RtspIngest, type RtspIngestOptions } from '../inprocess-ingest/rtsp-ingest';
import type { ProcessSpawner } from '../ingest/process-spawner';
import { backoffDelay } from '../platform/backoff';
import type { Clock, TimerHandle } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { FragmentEvent } from '../packager/packager-types';
import type { HlsPackager } from '../packager/hls-packager';
import { capsForInput, TRANSCODE_CAPS, type H264Encoder } from '../ingest/video-encoder';
import { isLagging, LagMeter } from './lag-meter';
import { classifyIngestExit } from './ingest-exit';
import { streamAudioStatus } from './stream-audio';
import type { AuthFailureBlock, CameraStatusSink, PipelineState, PipelineStatus, StreamInput, StreamInputResolution, StreamInputResolver, TransportMemory, ViewerMeta, ViewRecorder } from './stream-types';
import { chooseIngestPath } from './ingest-path';
import { fallbackTransport, firstTransport, shouldForget } from './transport-choice';

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
  /** H.264 encoder of transcodes (probed at start; libx264 until then). */
  encoder: H264Encoder;
  /** `streams.ingest`: auto = in-process where it can, ffmpeg = always the child process. */
  ingest: 'auto' | 'ffmpeg';
}

export interface PipelineDeps {
  clock: Clock;
  spawner: ProcessSpawner;
  /** Starts an in-process run (default: the real RTSP client); tests give a scripted one. */
  inProcess?: (o: RtspIngestOptions) => IngestRun;
  /** The gateway's RTMP server: pushed cameras are read from it in-process (absent: ffmpeg pulls them back). */
  pushSource?: PushSource;
  resolver: StreamInputResolver;
  status: CameraStatusSink;
  log: Logger;
  settings: PipelineSettings;
  packager: HlsPackager;
  views?: ViewRecorder;
  /** Cameras that refused our credentials: not contacted again until cleared (accounts lock after a few failures). */
  authBlock?: AuthFailureBlock;
  /** Keeps the RTSP transport that worked for a camera (auto), so the next start goes straight to it. */
  transports?: TransportMemory;
  onStateChange(p: Pipeline): void;
  /** Each ffmpeg death (`processDeaths` counts them in a row): the gateway-level fault alarm listens. */
  onProcessDeath?(p: Pipeline): void;
  random?: () => number;
  /** The source's bitrate when known (the same camera/profile's passthrough pipeline measures it), bits/s. */
  inputBitrate?: () => number | null;
}

/**
 * One camera/profile: an ffmpeg child feeding an in-memory packager, restarted with backoff on faults, killed by
 * the watchdog when fragments stop. The packager outlives restarts so players keep one playlist (with a
 * discontinuity) instead of starting over.
 */
export class Pipeline {
  state: PipelineState = 'starting';
  reasonCode: PipelineReasonCode | null = null;
  reason: string | null = null;
  restarts = 0;
  consecutiveFailures = 0;
  /** ffmpeg deaths in a row (killed, crashed): gateway-side, so not in consecutiveFailures nor the camera's status. */
  processDeaths = 0;
  lastRequestAt: number;
  private readonly startedAt: number;
  private liveSince: number | null = null;
  private process: IngestRun | null = null;
  /** This run's path, and why ffmpeg when it is. */
  private ingestPath: IngestPath = 'in-process';
  private ingestReason: FfmpegIngestReason | null = null;
  /** An in-process run found this camera needs ffmpeg (G.711, a track the client cannot read): kept for this pipeline's life. */
  private needsFfmpeg: FfmpegIngestReason | null = null;
  /** B-frame reordering depth an in-process run learnt (H.264 streams that do not declare it). */
  private learntReorderDepth: number | null = null;
  private spawnedAt = 0;
  private fragmentsThisRun = 0;
  /** This run's last two fragments: ffmpeg flushes one more as it exits, so the silence before it is the fact. */
  private lastFragments: [number, number] = [0, 0];
  private retryTimer: TimerHandle | null = null;
  private pendingFault: IngestFailure | null = null;
  /** This run's RTSP transport and what the camera had remembered when it started. */
  private run: { transport: WireTransport; rtsp: NonNullable<StreamInput['rtsp']> } | null = null;
  private transport: WireTransport | null = null;
  /** A transport to use on the next start: the other one, after a 461 in auto. */
  private fallbackNext: WireTransport | null = null;
  /** Transports refused since the last video (so a camera refusing both is not tried in a loop). */
  private readonly triedThisRound = new Set<WireTransport>();
  /** Whether any run of this pipeline delivered video. */
  private everHadVideo = false;
  private resolving = false;
  private closed = false;
  private readonly viewers = new Map<string, { lastSeen: number; view: number | null }>();
  /** What keeps this pipeline pulled without viewers (the recorder); the idle sweep leaves a held pipeline alone. */
  readonly holders = new Set<string>();
  private readonly lag = new LagMeter();
  /** The encoder of the running transcode (settings may change when the probe finishes). */
  private encoder: H264Encoder | null = null;
  /** This run's input (audio facts for status()). */
  private input: StreamInput | null = null;
  /** Audio mode learned from a run that died of its audio (see audio-failure.ts); kept for this pipeline's life. */
  private audioFallback: AudioMode | null = null;

  constructor(
    readonly cameraId: string,
    readonly profile: StreamProfile,
    private readonly deps: PipelineDeps,
    /** copy: the camera's stream as is (H.264, or H.265 for viewers that decode it); transcode: H.264 for the others. */
    readonly video: StreamVideo = 'copy',
  ) {
    this.startedAt = deps.clock.now();
    this.lastRequestAt = this.startedAt;
    deps.packager.onFragment((event) => this.onFragment(event));
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
    if (this.closed || this.process?.running || this.resolving) return;
    if (this.deps.authBlock?.isBlocked(this.cameraId)) {
      this.fail('auth-failed', FAILURE_TEXT['auth-failed'], false);
      return;
    }
    const resolution = this.deps.resolver.resolve(this.cameraId, this.profile);
    if (!(resolution instanceof Promise)) return this.launch(resolution);
    // The host is being resolved and its addresses checked (DNS may have changed since the camera was registered).
    this.resolving = true;
    void resolution
      .catch((err: unknown) => ({ ok: false as const, reason: `stream input: ${(err as Error).message}` }))
      .then((resolved) => {
        this.resolving = false;
        if (!this.closed) this.launch(resolved);
      });
  }

  private launch(resolved: StreamInputResolution): void {
    if (!resolved.ok) {
      this.fail('config', resolved.reason, false);
      return;
    }
    const { input } = resolved;
    this.input = input;
    const s = this.deps.settings;
    this.run = null;
    if (input.rtsp) {
      const transport = this.fallbackNext ?? firstTransport(input.rtsp.transport, input.rtsp.inUse);
      this.run = { transport, rtsp: input.rtsp };
      this.transport = transport;
      this.triedThisRound.add(transport);
    }
    this.fallbackNext = null;
    // The resolver says whether the source needs a transcode for H.264-only viewers, i.e. whether it is H.265.
    const hevcSource = input.videoMode === 'transcode-h264';
    const transcode = this.video === 'transcode' && hevcSource;
    this.encoder = transcode ? s.encoder : null;
    const audioMode = this.audioMode();
    const path = chooseIngestPath({ gatewaySetting: s.ingest, input, transcode, audioMode, learnt: this.needsFfmpeg, pushInProcess: !!this.deps.pushSource });
    this.ingestPath = path.path;
    this.ingestReason = path.path === 'ffmpeg' ? path.reason : null;
    this.spawnedAt = this.deps.clock.now();
    this.fragmentsThisRun = 0;
    this.pendingFault = null;
    this.lag.reset();
    this.deps.log.info(
      { cameraId: this.cameraId, profile: this.profile, url: input.displayUrl, ingest: path.path, ingestReason: this.ingestReason, mode: transcode ? 'transcode-h264' : 'copy', encoder: this.encoder, audioMode, transport: this.run?.transport },
      'ingest starting',
    );
    if (path.path === 'in-process' && input.push && this.deps.pushSource) {
      this.process = new RtmpPushIngest({
        cameraId: input.push.cameraId,
        source: this.deps.pushSource,
        audio: path.audio,
        ioTimeoutSec: s.ioTimeoutSec,
        fragmentMs: s.fragmentMs,
        onData: (chunk) => this.pushData(chunk),
        onExit: (exit) => this.onExit(exit),
      });
      return;
    }
    if (path.path === 'in-process') {
      const startInProcess = this.deps.inProcess ?? ((o: RtspIngestOptions) => new RtspIngest(o));
      this.process = startInProcess({
        url: input.inputUrl,
        transport: this.run?.transport ?? 'tcp',
        audio: path.audio,
        ioTimeoutSec: s.ioTimeoutSec,
        fragmentMs: s.fragmentMs,
        userAgent: s.userAgent,
        learntReorderDepth: this.learntReorderDepth,
        secrets: input.secrets,
        onData: (chunk) => this.pushData(chunk),
        onExit: (exit) => this.onExit(exit),
        onReorderDepth: (depth) => (this.learntReorderDepth = depth),
        log: (message) => this.deps.log.info({ cameraId: this.cameraId, profile: this.profile }, message),
      });
      return;
    }
    const { args, stdin, env } = buildIngestArgs({
      inputUrl: input.inputUrl,
      ioTimeoutSec: s.ioTimeoutSec,
      videoMode: transcode ? 'transcode-h264' : 'copy',
      audioMode,
      copyHevc: !transcode && hevcSource,
      ...(this.encoder ? { transcode: { encoder: this.encoder, caps: capsForInput(TRANSCODE_CAPS[this.profile], this.deps.inputBitrate?.() ?? null) } } : {}),
      fragmentMs: s.fragmentMs,
      userAgent: s.userAgent,
      ...(this.run ? { transport: this.run.transport } : {}),
    });
    this.process = new FfmpegProcess(
      {
        ffmpegPath: s.ffmpegPath,
        args,
        stdin,
        env,
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

  private onFragment(event: FragmentEvent): void {
    if (this.fragmentsThisRun === 0) this.firstVideo();
    const now = this.deps.clock.now();
    this.fragmentsThisRun++;
    this.lastFragments = [this.lastFragments[1], now];
    this.processDeaths = 0;
    const lagSec = this.lag.onFragment(now, event.durationSec);
    if (this.state !== 'live' && this.state !== 'lagging') {
      this.consecutiveFailures = 0;
      this.liveSince = now;
      this.setState('live', null, null);
      this.deps.status.online(this.cameraId);
    }
    // Frames still come, so the camera is fine: lagging is ours (an overloaded transcode), said with the seconds.
    if (isLagging(lagSec, this.state === 'lagging')) this.setState('lagging', null, `output ${Math.round(lagSec)} s behind real time`);
    else if (this.state === 'lagging') this.setState('live', null, null);
  }

  /** The run's transport works: remember it (only a change is written). */
  private firstVideo(): void {
    this.everHadVideo = true;
    this.triedThisRound.clear();
    const run = this.run;
    if (run && run.transport !== run.rtsp.inUse) {
      this.deps.log.info({ cameraId: this.cameraId, profile: this.profile, transport: run.transport, setting: run.rtsp.transport }, 'RTSP transport learnt');
      this.deps.transports?.remember(this.cameraId, run.transport);
    }
  }

  private onExit(exit: IngestExit): void {
    this.process = null;
    if (this.closed || exit.requested) return;
    if (exit.needsFfmpeg) return this.switchToFfmpeg(exit.needsFfmpeg, exit.detail);
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
      hadVideoBefore: this.everHadVideo && !hadVideo,
      silentMs,
      ioTimeoutMs: this.deps.settings.ioTimeoutSec * 1000,
    });
    this.deps.log.warn({ cameraId: this.cameraId, profile: this.profile, failure, stderrClass: exit.failure, code: exit.code, signal: exit.signal, detail: exit.detail }, 'ingest stopped');
    if (failure === 'exited') return this.processDied();
    if (this.run && !hadVideo && this.tryOtherTransport(this.run, failure)) return;
    this.fail(failure, failureText(failure, this.deps.settings.ioTimeoutSec), true);
  }

  /** auto: a camera that refused this transport (461) is asked at once on the other one; a remembered one that stopped working is forgotten. */
  private tryOtherTransport(run: NonNullable<Pipeline['run']>, failure: IngestFailure): boolean {
    if (shouldForget(run.rtsp.transport, run.transport, run.rtsp.inUse, failure)) this.deps.transports?.remember(this.cameraId, null);
    const next = fallbackTransport(run.rtsp.transport, run.transport, failure, this.triedThisRound);
    if (!next) {
      this.triedThisRound.clear();
      return false;
    }
    this.deps.log.info({ cameraId: this.cameraId, profile: this.profile, refused: run.transport, trying: next }, 'camera refused the RTSP transport: trying the other one');
    this.fallbackNext = next;
    this.startSoon();
    return true;
  }

  /** Not a camera failure: the camera is fine, the in-process path cannot carry it. Straight on with ffmpeg. */
  private switchToFfmpeg(reason: FfmpegIngestReason, detail: string): void {
    this.deps.log.info({ cameraId: this.cameraId, profile: this.profile, reason, detail }, 'in-process ingest cannot carry this camera: using ffmpeg');
    this.needsFfmpeg = reason;
    this.startSoon();
  }

  /** Straight on (next tick), without a backoff or a discontinuity: the last run delivered nothing. */
  private startSoon(): void {
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.start();
    }, 0);
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
    this.deps.onProcessDeath?.(this);
    this.scheduleRestart(this.processDeaths - 1);
  }

  private fail(code: IngestFailure | 'config', text: string, retry: boolean): void {
    this.consecutiveFailures++;
    this.liveSince = null;
    // A refused transport is a configuration mismatch: retrying the same will not help until a setting changes.
    const offline = code === 'auth-failed' || code === 'config' || code === 'unsupported-transport' || this.consecutiveFailures >= this.deps.settings.offlineAfterFailures;
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

  private setState(state: PipelineState, code: PipelineReasonCode | null, text: string | null): void {
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
      heldBy: [...this.holders],
      fps: st.fps,
      bitrateBps: st.bitrateBps,
      lastFragmentAgeMs: st.lastFragmentAt === null ? null : now - st.lastFragmentAt,
      restarts: this.restarts,
      consecutiveFailures: this.consecutiveFailures,
      startedAt: new Date(this.startedAt).toISOString(),
      liveSince: this.liveSince === null ? null : new Date(this.liveSince).toISOString(),
      pid: this.process?.pid ?? null,
      ingest: this.ingestPath,
      ingestReason: this.ingestReason,
      transport: this.transport,
      codec: st.codec,
      width: st.width,
      height: st.height,
      video: this.video,
      encoder: this.encoder,
      lagSec: this.lag.lagSec === null ? null : Math.round(this.lag.lagSec * 10) / 10,
      audio: streamAudioStatus(st.audioCodec, this.audioMode(), this.input?.audioCodec ?? null),
      codecs: st.codecs,
    };
  }
}
