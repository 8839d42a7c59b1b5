import type { CameraRecord, CameraRepository } from '../db/camera-repository';
import { failureText, type IngestFailure } from '../ingest/ffmpeg-errors';
import type { Logger } from '../platform/logger';
import type { CameraStatusService } from './camera-status-service';
import type { LoopLagMeter } from './loop-lag';
import type { RtspProber } from './rtsp-probe';
import { sweepView } from './sweep-view';


/** Failures that are the camera's (or its network's) own answer, not something a slow gateway could cause. */
const CAMERA_ANSWERS: ReadonlySet<string> = new Set(['connection-refused', 'unreachable', 'stream-not-found', 'camera-error', 'unsupported-transport']);
/** More failed checks in a row an overloaded sweep's timeouts need before a camera is declared offline. */
export const OVERLOAD_GRACE_SWEEPS = 2;
export interface HealthMonitorOptions {
  intervalSec: number;
  concurrency: number;
  timeoutMs: number;
  /** A camera that refused our credentials is probed with them at most this often. */
  authRetrySec: number;
  /** A camera is declared offline after this many failed checks in a row (one for a camera already offline). */
  offlineAfterFailures: number;
  /** A sweep during which the event loop stalled longer than this judged the gateway, not the cameras. */
  maxEventLoopLagMs: number;
}

/** Why a sweep's failures were not trusted: it ran past its interval, or the gateway's event loop stalled. */
export type SweepOverload = 'overran' | 'event-loop-lag';

export interface SweepCounts {
  checked: number;
  online: number;
  offline: number;
  skipped: number;
}

export interface SweepReport extends SweepCounts {
  startedAt: number;
  durationMs: number;
  /** The same counts per camera org unit, so a scoped user is shown their own figures (see sweep-view.ts). */
  byOrgUnit: Record<string, SweepCounts>;
  /** The worst event-loop delay during the sweep. */
  eventLoopLagMs: number;
  /** Set when the sweep's failures were not trusted: no camera was declared offline by it. */
  overloaded: SweepOverload | null;
  /** Failed checks that did not (yet) declare their camera offline: a first failure, or an overloaded sweep. */
  unconfirmed: number;
}

export interface HealthMonitorDeps {
  cameras: CameraRepository;
  /** Decrypted camera password, or null (none stored, or undecryptable). */
  passwordOf: (camera: CameraRecord) => string | null;
  probe: RtspProber;
  status: CameraStatusService;
  isLive: (cameraId: string) => boolean;
  /** Cameras that refused our credentials are skipped (no DESCRIBE with them), and a refusal here blocks one. */
  authBlock?: { mayTryAgain(cameraId: string, everyMs: number): boolean; block(cameraId: string): void; clear(cameraId: string): boolean };
  log: Logger;
  opts: HealthMonitorOptions;
  /** Event-loop lag during a sweep (default: none measured). */
  lag?: LoopLagMeter;
  /** Milliseconds clock for the sweep's own timing (default Date.now). */
  now?: () => number;
}

interface FailedCheck {
  camera: CameraRecord;
  code: IngestFailure;
}

/**
 * Checks every registered camera on an interval without pulling video (RTSP DESCRIBE), so offline cameras are known
 * even when nobody watches them. Cameras with a live pipeline are skipped: their viewer already proves them.
 */
export class HealthMonitor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepReport> | null = null;
  lastSweep: SweepReport | null = null;
  /** Failed checks in a row per camera, cleared by a success. */
  private readonly failures = new Map<string, number>();

  constructor(private readonly deps: HealthMonitorDeps) {}

  start(): void {
    const tick = () => {
      void this.sweep().finally(() => {
        this.timer = setTimeout(tick, this.deps.opts.intervalSec * 1000);
        this.timer.unref();
      });
    };
    this.timer = setTimeout(tick, 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** One pass over all cameras; concurrent calls share the pass in progress. */
  sweep(): Promise<SweepReport> {
    this.running ??= this.doSweep().finally(() => (this.running = null));
    return this.running;
  }

  private async doSweep(): Promise<SweepReport> {
    const now = this.deps.now ?? Date.now;
    const startedAt = now();
    this.deps.lag?.takeMaxMs();
    const all: CameraRecord[] = [];
    for (let offset = 0; ; offset += 2000) {
      const page = this.deps.cameras.list({ limit: 2000, offset }).items;
      all.push(...page);
      if (page.length < 2000) break;
    }
    const report: SweepReport = { startedAt, durationMs: 0, checked: 0, online: 0, offline: 0, skipped: 0, byOrgUnit: {}, eventLoopLagMs: 0, overloaded: null, unconfirmed: 0 };
    const failed: FailedCheck[] = [];
    let next = 0;
    const worker = async () => {
      while (next < all.length) {
        const camera = all[next++]!;
        await this.check(camera, report, failed);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.opts.concurrency, all.length) }, worker));
    report.durationMs = now() - startedAt;
    report.eventLoopLagMs = Math.round(this.deps.lag?.takeMaxMs() ?? 0);
    report.overloaded = this.overload(report);
    this.confirmFailures(failed, report);
    this.lastSweep = report;
    if (report.overloaded) {
      this.deps.log.warn({ ...sweepView(report, null), unconfirmed: report.unconfirmed, intervalSec: this.deps.opts.intervalSec }, 'health sweep overloaded: its timeouts need more sweeps to declare a camera offline');
    } else this.deps.log.info(sweepView(report, null), 'health sweep done');
    return report;
  }

  /**
   * A sweep that ran past its interval, or during which the event loop stalled, measured the gateway (timeouts of
   * its own making: a cold start, a storm of pipelines), not the cameras.
   */
  private overload(report: SweepReport): SweepOverload | null {
    if (report.eventLoopLagMs > this.deps.opts.maxEventLoopLagMs) return 'event-loop-lag';
    if (report.durationMs > this.deps.opts.intervalSec * 1000) return 'overran';
    return null;
  }

  /**
   * Offline is declared after `offlineAfterFailures` failed checks in a row; a refused login at once (the camera is
   * not asked again for a while) and a camera already offline at once (its reason follows). An overloaded sweep
   * (event loop stalled, or past its interval) discounts only what overload can cause — a timeout, a camera that did
   * not answer in time: those need OVERLOAD_GRACE_SWEEPS more failures in a row. A refused connection, an unreachable
   * host, a 404 or a camera error are the camera's own answers and count as usual. So a site whose every sweep
   * overruns still learns of a dead camera, two sweeps later at most, and never from a stall of its own making.
   * The rest count as unconfirmed.
   */
  private confirmFailures(failed: FailedCheck[], report: SweepReport): void {
    for (const { camera, code } of failed) {
      const immediate = code === 'auth-failed' || camera.status === 'offline';
      const n = (this.failures.get(camera.id) ?? 0) + 1;
      this.failures.set(camera.id, n);
      const needed = report.overloaded && !CAMERA_ANSWERS.has(code) ? this.deps.opts.offlineAfterFailures + OVERLOAD_GRACE_SWEEPS : this.deps.opts.offlineAfterFailures;
      if (!immediate && n < needed) {
        report.unconfirmed++;
        continue;
      }
      this.deps.status.record(camera.id, 'offline', { code, text: failureText(code, this.deps.opts.timeoutMs / 1000) });
    }
  }

  private async check(camera: CameraRecord, report: SweepReport, failed: FailedCheck[]): Promise<void> {
    if (camera.sourceType === 'rtmp-push' || this.deps.isLive(camera.id) || this.deps.authBlock?.mayTryAgain(camera.id, this.deps.opts.authRetrySec * 1000) === false) {
      count(report, camera, 'skipped');
      return;
    }
    // Prefer the sub stream: the cheapest thing to ask a camera about.
    const uri = camera.subStreamUri ?? camera.mainStreamUri;
    if (!uri) {
      count(report, camera, 'skipped');
      return;
    }
    // SETUP on the transport ingest would use: a camera the pipeline cannot play is not called online here.
    const transport = { setting: camera.rtspTransport, inUse: camera.transportInUse };
    const result = await this.deps.probe(uri, camera.username, this.deps.passwordOf(camera), this.deps.opts.timeoutMs, transport);
    if (result.status === 'online') {
      count(report, camera, 'online');
      this.failures.delete(camera.id);
      this.deps.authBlock?.clear(camera.id);
      if (camera.rtspTransport === 'auto' && result.transport && result.transport !== camera.transportInUse) this.rememberTransport(camera.id, result.transport);
      this.deps.status.record(camera.id, 'online', null);
    } else {
      count(report, camera, 'offline');
      if (result.reason === 'auth-failed') this.deps.authBlock?.block(camera.id);
      failed.push({ camera, code: result.reason });
    }
  }

  /** What the check found to work is where the next pipeline starts (an observation: a failed write is only logged). */
  private rememberTransport(cameraId: string, transport: 'tcp' | 'udp'): void {
    try {
      this.deps.cameras.setTransportInUse(cameraId, transport);
    } catch (err) {
      this.deps.log.warn({ cameraId, err: (err as Error).message }, 'could not store the RTSP transport');
    }
  }
}

/** Counts an outcome in the sweep's totals and its camera's org unit; online and offline cameras were checked. */
function count(report: SweepReport, camera: Pick<CameraRecord, 'orgUnitId'>, outcome: 'online' | 'offline' | 'skipped'): void {
  const unit = (report.byOrgUnit[camera.orgUnitId] ??= { checked: 0, online: 0, offline: 0, skipped: 0 });
  for (const c of [report, unit]) {
    c[outcome]++;
    if (outcome !== 'skipped') c.checked++;
  }
}
