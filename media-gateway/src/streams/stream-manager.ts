import type { StreamProfile } from '../../../contracts/src/camera';
import type { StreamVideo, VideoRequest } from '../../../contracts/src/stream-status';
import type { H264Encoder } from '../ingest/video-encoder';
import type { ProcessSpawner } from '../ingest/process-spawner';
import type { Clock } from '../platform/clock';
import { HttpError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { HlsPackager } from '../packager/hls-packager';
import { Pipeline, type PipelineDeps, type PipelineSettings } from './pipeline';
import type { AuthFailureBlock, CameraStatusSink, PipelineStatus, StreamInput, StreamInputResolver, TransportMemory, ViewerMeta, ViewRecorder } from './stream-types';

export interface StreamManagerOptions {
  clock: Clock;
  spawner: ProcessSpawner;
  /** In-process runs (default: the real RTSP client). */
  inProcess?: PipelineDeps['inProcess'];
  pushSource?: PipelineDeps['pushSource'];
  resolver: StreamInputResolver;
  status: CameraStatusSink;
  log: Logger;
  settings: PipelineSettings;
  idleStopSec: number;
  maxPipelines: number;
  /** Transcodes at once (each ~0.4–0.7 core in software); beyond it a viewer gets `transcode-capacity`, never an overload. */
  maxTranscodes: number;
  /** `expectedGopSec`: the GOP this camera/profile/delivery showed last time (packager "Quick start"), else null. */
  createPackager(hint: { expectedGopSec: number | null }): HlsPackager;
  views?: ViewRecorder;
  authBlock?: AuthFailureBlock;
  transports?: TransportMemory;
  sweepIntervalMs?: number;
}

type Listener = (status: PipelineStatus) => void;
type RemovedListener = (cameraId: string, profile: StreamProfile, video: StreamVideo) => void;

export const TRANSCODE_CAPACITY_TEXT = 'transcode capacity reached';
type ProcessDeathListener = (cameraId: string, profile: StreamProfile, inARow: number) => void;

/**
 * On-demand lifecycle: the first playlist request starts a pipeline, every request keeps it alive, and it stops
 * `idleStopSec` after the last one. At most one pipeline per camera/profile/delivery (copy or transcode), whatever
 * the number of viewers: an H.265 camera watched by HEVC-capable and H.264-only consoles runs both, each shared.
 */
export class StreamManager {
  private readonly pipelines = new Map<string, Pipeline>();
  /**
   * camera/profile → the delivery an H.264-only (`compatible`) viewer gets, learnt from the resolver when such a
   * viewer first comes (an H.264 camera: copy, shared with `original` viewers; an H.265 one: transcode).
   */
  private readonly compatibleVideo = new Map<string, StreamVideo>();
  private readonly listeners = new Set<Listener>();
  private readonly removedListeners = new Set<RemovedListener>();
  private readonly gopMemory = new Map<string, number>();
  private readonly deathListeners = new Set<ProcessDeathListener>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: StreamManagerOptions) {}

  start(): void {
    this.sweepTimer = setInterval(() => this.sweep(), this.opts.sweepIntervalMs ?? 1000);
    this.sweepTimer.unref();
  }

  private key(cameraId: string, profile: StreamProfile, video: StreamVideo = 'copy'): string {
    return `${cameraId}/${profile}/${video}`;
  }

  /** The encoder transcodes use from now on (the start-up probe's choice). */
  setEncoder(encoder: H264Encoder): void {
    this.opts.settings.encoder = encoder;
  }

  private videoFor(cameraId: string, profile: StreamProfile, request: VideoRequest): StreamVideo {
    if (request === 'original') return 'copy';
    const known = this.compatibleVideo.get(`${cameraId}/${profile}`);
    if (known) return known;
    const mode = this.videoModeOf(cameraId, profile);
    // Not known now (camera gone, no publisher yet): the pipeline reports why; ask again next time.
    if (mode === null) return 'copy';
    const video: StreamVideo = mode === 'transcode-h264' ? 'transcode' : 'copy';
    this.compatibleVideo.set(`${cameraId}/${profile}`, video);
    return video;
  }

  private videoModeOf(cameraId: string, profile: StreamProfile): StreamInput['videoMode'] | null {
    return this.opts.resolver.videoModeOf?.(cameraId, profile) ?? null;
  }

  private transcodes(): number {
    let n = 0;
    for (const p of this.pipelines.values()) if (p.video === 'transcode') n++;
    return n;
  }

  /** Get the running pipeline, or start one. Counts as a viewer request. */
  acquire(cameraId: string, profile: StreamProfile, viewerKey: string, viewer?: ViewerMeta, request: VideoRequest = 'compatible'): Pipeline {
    const p = this.obtain(cameraId, profile, request);
    p.touch(viewerKey, viewer);
    return p;
  }

  /**
   * Keeps the camera's own stream (no transcode) pulled without a viewer, for `holder` (recording), until release().
   * The pipeline is not stopped by the idle sweep while held; viewers come and go beside it.
   */
  hold(cameraId: string, profile: StreamProfile, holder: string): Pipeline {
    const p = this.obtain(cameraId, profile, 'original');
    p.holders.add(holder);
    return p;
  }

  release(cameraId: string, profile: StreamProfile, holder: string): void {
    const p = this.pipelines.get(this.key(cameraId, profile, 'copy'));
    if (!p?.holders.delete(holder) || p.holders.size > 0) return;
    // From now on the idle sweep decides: stopped after idleStopSec unless a viewer keeps it.
    p.lastRequestAt = Math.max(p.lastRequestAt, this.opts.clock.now() - this.opts.idleStopSec * 1000);
  }

  private obtain(cameraId: string, profile: StreamProfile, request: VideoRequest): Pipeline {
    const video = this.videoFor(cameraId, profile, request);
    const key = this.key(cameraId, profile, video);
    let p = this.pipelines.get(key);
    if (!p) {
      if (this.pipelines.size >= this.opts.maxPipelines) {
        throw new HttpError(503, 'capacity', `stream limit reached (${this.opts.maxPipelines} pipelines)`);
      }
      if (video === 'transcode' && this.transcodes() >= this.opts.maxTranscodes) {
        this.opts.log.warn({ cameraId, profile, maxTranscodes: this.opts.maxTranscodes }, 'transcode budget spent: viewer refused');
        throw new HttpError(503, 'transcode-capacity', `${TRANSCODE_CAPACITY_TEXT} (${this.opts.maxTranscodes} at once)`);
      }
      p = new Pipeline(cameraId, profile, {
        clock: this.opts.clock,
        spawner: this.opts.spawner,
        ...(this.opts.inProcess ? { inProcess: this.opts.inProcess } : {}),
        ...(this.opts.pushSource ? { pushSource: this.opts.pushSource } : {}),
        resolver: this.opts.resolver,
        status: this.opts.status,
        log: this.opts.log,
        settings: this.opts.settings,
        packager: this.opts.createPackager({ expectedGopSec: this.gopMemory.get(key) ?? null }),
        ...(this.opts.views ? { views: this.opts.views } : {}),
        ...(this.opts.authBlock ? { authBlock: this.opts.authBlock } : {}),
        ...(this.opts.transports ? { transports: this.opts.transports } : {}),
        onStateChange: (changed) => this.emit(changed),
        inputBitrate: () => this.pipelines.get(this.key(cameraId, profile, 'copy'))?.packager.stats().bitrateBps ?? null,
        onProcessDeath: (died) => {
          for (const l of this.deathListeners) l(died.cameraId, died.profile, died.processDeaths);
        },
      }, video);
      this.pipelines.set(key, p);
      p.start();
      this.emit(p);
    }
    return p;
  }

  /** An existing pipeline only (segment and part requests never start one). */
  find(cameraId: string, profile: StreamProfile, viewerKey?: string, viewer?: ViewerMeta, request: VideoRequest = 'compatible'): Pipeline | null {
    const video = request === 'original' ? 'copy' : (this.compatibleVideo.get(`${cameraId}/${profile}`) ?? 'copy');
    const p = this.pipelines.get(this.key(cameraId, profile, video)) ?? null;
    if (p && viewerKey) p.touch(viewerKey, viewer);
    return p;
  }

  /** True when a pipeline of this camera (either profile, any delivery) has video right now. */
  isLive(cameraId: string): boolean {
    return this.ofCamera(cameraId).some(([, p]) => p.state === 'live' || p.state === 'lagging');
  }

  private ofCamera(cameraId: string): [string, Pipeline][] {
    return [...this.pipelines].filter(([, p]) => p.cameraId === cameraId);
  }

  list(): PipelineStatus[] {
    const now = this.opts.clock.now();
    return [...this.pipelines.values()].map((p) => p.status(now));
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A pipeline stopped and is gone (idle, camera changed or deleted): consoles drop its status. */
  onRemoved(listener: RemovedListener): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  /** An ffmpeg child was killed or crashed (not a camera fault); `inARow` counts its pipeline's deaths without video between. */
  onProcessDeath(listener: ProcessDeathListener): () => void {
    this.deathListeners.add(listener);
    return () => this.deathListeners.delete(listener);
  }

  private remove(key: string, p: Pipeline): Promise<void> {
    this.pipelines.delete(key);
    this.rememberGop(key, p);
    for (const l of this.removedListeners) l(p.cameraId, p.profile, p.video);
    return p.close();
  }

  /** Stops a camera's pipelines now (camera deleted or its URL/credentials changed). */
  async stopCamera(cameraId: string): Promise<void> {
    // Its codec may have changed too: learn the compatible delivery afresh.
    for (const profile of ['main', 'sub'] as const) this.compatibleVideo.delete(`${cameraId}/${profile}`);
    await Promise.all(this.ofCamera(cameraId).map(([key, p]) => this.remove(key, p)));
  }

  sweep(): void {
    const now = this.opts.clock.now();
    for (const [key, p] of this.pipelines) {
      if (p.holders.size === 0 && now - p.lastRequestAt > this.opts.idleStopSec * 1000) {
        this.opts.log.info({ cameraId: p.cameraId, profile: p.profile }, 'no viewers: stopping pipeline');
        void this.remove(key, p);
        continue;
      }
      p.viewerCount(now);
      p.checkWatchdog(now);
    }
  }

  async stopAll(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    const all = [...this.pipelines.values()];
    for (const [key, p] of this.pipelines) this.rememberGop(key, p);
    this.pipelines.clear();
    await Promise.all(all.map((p) => p.close()));
  }

  /**
   * A camera's GOP outlives its pipeline, so the next cold start can publish its first playlist after PART-HOLD-BACK
   * instead of a whole GOP. Not forgotten when the camera changes: a wrong value costs only segments cut without a
   * keyframe for one pipeline's life, and the next run learns the new GOP.
   */
  private rememberGop(key: string, p: Pipeline): void {
    const gop = p.packager.stats().gopSec;
    if (gop !== null) this.gopMemory.set(key, gop);
  }

  private emit(p: Pipeline): void {
    const status = p.status();
    this.opts.log.info({ cameraId: status.cameraId, profile: status.profile, state: status.state, reason: status.reason }, 'pipeline state');
    for (const l of this.listeners) l(status);
  }
}
