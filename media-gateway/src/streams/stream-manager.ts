import type { StreamProfile } from '../../../contracts/src/camera';
import type { ProcessSpawner } from '../ingest/process-spawner';
import type { Clock } from '../platform/clock';
import { HttpError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { HlsPackager } from '../packager/hls-packager';
import { Pipeline, type PipelineSettings } from './pipeline';
import type { AuthFailureBlock, CameraStatusSink, PipelineStatus, StreamInputResolver, ViewerMeta, ViewRecorder } from './stream-types';

export interface StreamManagerOptions {
  clock: Clock;
  spawner: ProcessSpawner;
  resolver: StreamInputResolver;
  status: CameraStatusSink;
  log: Logger;
  settings: PipelineSettings;
  idleStopSec: number;
  maxPipelines: number;
  createPackager(): HlsPackager;
  views?: ViewRecorder;
  authBlock?: AuthFailureBlock;
  sweepIntervalMs?: number;
}

type Listener = (status: PipelineStatus) => void;
type RemovedListener = (cameraId: string, profile: StreamProfile) => void;
type ProcessDeathListener = (cameraId: string, profile: StreamProfile, inARow: number) => void;

/**
 * On-demand lifecycle: the first playlist request starts a pipeline, every request keeps it alive, and it stops
 * `idleStopSec` after the last one. At most one pipeline per camera/profile, whatever the number of viewers.
 */
export class StreamManager {
  private readonly pipelines = new Map<string, Pipeline>();
  private readonly listeners = new Set<Listener>();
  private readonly removedListeners = new Set<RemovedListener>();
  private readonly deathListeners = new Set<ProcessDeathListener>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: StreamManagerOptions) {}

  start(): void {
    this.sweepTimer = setInterval(() => this.sweep(), this.opts.sweepIntervalMs ?? 1000);
    this.sweepTimer.unref();
  }

  private key(cameraId: string, profile: StreamProfile): string {
    return `${cameraId}/${profile}`;
  }

  /** Get the running pipeline, or start one. Counts as a viewer request. */
  acquire(cameraId: string, profile: StreamProfile, viewerKey: string, viewer?: ViewerMeta): Pipeline {
    const key = this.key(cameraId, profile);
    let p = this.pipelines.get(key);
    if (!p) {
      if (this.pipelines.size >= this.opts.maxPipelines) {
        throw new HttpError(503, 'capacity', `stream limit reached (${this.opts.maxPipelines} pipelines)`);
      }
      p = new Pipeline(cameraId, profile, {
        clock: this.opts.clock,
        spawner: this.opts.spawner,
        resolver: this.opts.resolver,
        status: this.opts.status,
        log: this.opts.log,
        settings: this.opts.settings,
        packager: this.opts.createPackager(),
        ...(this.opts.views ? { views: this.opts.views } : {}),
        ...(this.opts.authBlock ? { authBlock: this.opts.authBlock } : {}),
        onStateChange: (changed) => this.emit(changed),
        onProcessDeath: (died) => {
          for (const l of this.deathListeners) l(died.cameraId, died.profile, died.processDeaths);
        },
      });
      this.pipelines.set(key, p);
      p.start();
      this.emit(p);
    }
    p.touch(viewerKey, viewer);
    return p;
  }

  /** An existing pipeline only (segment and part requests never start one). */
  find(cameraId: string, profile: StreamProfile, viewerKey?: string, viewer?: ViewerMeta): Pipeline | null {
    const p = this.pipelines.get(this.key(cameraId, profile)) ?? null;
    if (p && viewerKey) p.touch(viewerKey, viewer);
    return p;
  }

  /** True when a pipeline of this camera (either profile) is live right now. */
  isLive(cameraId: string): boolean {
    return (['main', 'sub'] as const).some((profile) => this.pipelines.get(this.key(cameraId, profile))?.state === 'live');
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
    for (const l of this.removedListeners) l(p.cameraId, p.profile);
    return p.close();
  }

  /** Stops a camera's pipelines now (camera deleted or its URL/credentials changed). */
  async stopCamera(cameraId: string): Promise<void> {
    await Promise.all(
      (['main', 'sub'] as const).map((profile) => {
        const key = this.key(cameraId, profile);
        const p = this.pipelines.get(key);
        return p ? this.remove(key, p) : Promise.resolve();
      }),
    );
  }

  sweep(): void {
    const now = this.opts.clock.now();
    for (const [key, p] of this.pipelines) {
      if (now - p.lastRequestAt > this.opts.idleStopSec * 1000) {
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
    this.pipelines.clear();
    await Promise.all(all.map((p) => p.close()));
  }

  private emit(p: Pipeline): void {
    const status = p.status();
    this.opts.log.info({ cameraId: status.cameraId, profile: status.profile, state: status.state, reason: status.reason }, 'pipeline state');
    for (const l of this.listeners) l(status);
  }
}
