import type { GatewayConfig } from '../config/config-schema';
import type { CameraStatusService } from '../health/camera-status-service';
import type { ProcessSpawner } from '../ingest/process-spawner';
import { HlsPackager } from '../packager/hls-packager';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { StreamManager } from '../streams/stream-manager';
import type { StreamInputResolver, ViewRecorder } from '../streams/stream-types';

/** The on-demand pipelines, configured from `streams.*`: each feeds an in-memory LL-HLS packager. */
export function createStreamManager(deps: {
  config: GatewayConfig['streams'];
  clock: Clock;
  spawner: ProcessSpawner;
  resolver: StreamInputResolver;
  cameraStatus: CameraStatusService;
  views: ViewRecorder;
  log: Logger;
  userAgent: string;
}): StreamManager {
  const s = deps.config;
  return new StreamManager({
    clock: deps.clock,
    spawner: deps.spawner,
    resolver: deps.resolver,
    status: {
      online: (id) => deps.cameraStatus.record(id, 'online', null),
      offline: (id, reason) => deps.cameraStatus.record(id, 'offline', reason),
    },
    log: deps.log,
    idleStopSec: s.idleStopSec,
    maxPipelines: s.maxPipelines,
    settings: {
      ffmpegPath: s.ffmpegPath,
      ioTimeoutSec: s.ioTimeoutSec,
      stallTimeoutSec: s.stallTimeoutSec,
      backoffInitialMs: s.backoffInitialMs,
      backoffMaxMs: s.backoffMaxMs,
      offlineAfterFailures: s.offlineAfterFailures,
      fragmentMs: s.partTargetSec * 1000,
      userAgent: deps.userAgent,
      viewerWindowMs: 10_000,
    },
    views: deps.views,
    createPackager: () => new HlsPackager({ targetSegmentSec: s.targetSegmentSec, partTargetSec: s.partTargetSec, lowLatency: s.lowLatency, now: () => deps.clock.now() }),
  });
}
