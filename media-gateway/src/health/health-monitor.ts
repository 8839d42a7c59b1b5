import type { CameraRecord, CameraRepository } from '../db/camera-repository';
import { failureText } from '../ingest/ffmpeg-errors';
import type { Logger } from '../platform/logger';
import type { CameraStatusService } from './camera-status-service';
import type { RtspProber } from './rtsp-probe';
import { sweepView } from './sweep-view';

export interface HealthMonitorOptions {
  intervalSec: number;
  concurrency: number;
  timeoutMs: number;
  /** A camera that refused our credentials is probed with them at most this often. */
  authRetrySec: number;
}

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
}

/**
 * Checks every registered camera on an interval without pulling video (RTSP DESCRIBE), so offline cameras are known
 * even when nobody watches them. Cameras with a live pipeline are skipped: their viewer already proves them.
 */
export class HealthMonitor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepReport> | null = null;
  lastSweep: SweepReport | null = null;

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
    const startedAt = Date.now();
    const all: CameraRecord[] = [];
    for (let offset = 0; ; offset += 2000) {
      const page = this.deps.cameras.list({ limit: 2000, offset }).items;
      all.push(...page);
      if (page.length < 2000) break;
    }
    const report: SweepReport = { startedAt, durationMs: 0, checked: 0, online: 0, offline: 0, skipped: 0, byOrgUnit: {} };
    let next = 0;
    const worker = async () => {
      while (next < all.length) {
        const camera = all[next++]!;
        await this.check(camera, report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.opts.concurrency, all.length) }, worker));
    report.durationMs = Date.now() - startedAt;
    this.lastSweep = report;
    this.deps.log.info(sweepView(report, null), 'health sweep done');
    return report;
  }

  private async check(camera: CameraRecord, report: SweepReport): Promise<void> {
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
      this.deps.authBlock?.clear(camera.id);
      if (camera.rtspTransport === 'auto' && result.transport && result.transport !== camera.transportInUse) this.rememberTransport(camera.id, result.transport);
      this.deps.status.record(camera.id, 'online', null);
    } else {
      count(report, camera, 'offline');
      if (result.reason === 'auth-failed') this.deps.authBlock?.block(camera.id);
      this.deps.status.record(camera.id, 'offline', { code: result.reason, text: failureText(result.reason, this.deps.opts.timeoutMs / 1000) });
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
