import type { FastifyInstance } from 'fastify';
import type { PushSource } from '../inprocess-ingest/rtmp-push-ingest';
import type { ScopeService } from '../auth/scope-service';
import type { GatewayConfig } from '../config/config-schema';
import type { Repositories } from '../db/repositories';
import type { StorageGuard } from '../db/storage-guard';
import type { CameraStatusService } from '../health/camera-status-service';
import type { ProcessSpawner } from '../ingest/process-spawner';
import { probeEncoders } from '../ingest/encoder-probe';
import { chooseEncoder } from '../ingest/video-encoder';
import { HlsPackager } from '../packager/hls-packager';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { EventHub } from '../realtime/event-hub';
import type { GatewayModule } from '../server/gateway-module';
import { auditedViewRecorder } from './audited-view-recorder';
import { registerReportRoutes } from './report-routes';
import { ffmpegFrameGrabber, SnapshotService } from './snapshot-service';
import { StreamManager } from './stream-manager';
import { registerStreamRoutes } from './stream-routes';
import type { AuthFailureBlock, StreamInputResolver } from './stream-types';

export interface StreamsModuleDeps {
  config: GatewayConfig['streams'];
  clock: Clock;
  spawner: ProcessSpawner;
  resolver: StreamInputResolver;
  cameraStatus: CameraStatusService;
  /** Cameras that refused our credentials: pipelines do not retry them (cleared by an update or `retry`). */
  authBlock: AuthFailureBlock;
  /** A pushed camera's publisher arrived (rtmp module). */
  onPublisherArrived(listener: (cameraId: string) => void): void;
  /** The RTMP server, when enabled: pushed cameras are read from it in-process. */
  pushSource?: PushSource | null;
  repos: Pick<Repositories, 'cameras' | 'users' | 'audit' | 'views' | 'orgUnits'>;
  /** The site's local time, for the viewing report's CSV (config `incidents.utcOffsetMinutes`). */
  utcOffsetMinutes: number;
  scope: ScopeService;
  hub: EventHub;
  log: Logger;
  userAgent: string;
  /** Retries the view records written from the idle sweep while the database is locked. */
  storageGuard?: StorageGuard;
}

export interface StreamsModule extends GatewayModule {
  manager: StreamManager;
  snapshots: SnapshotService;
}

/** The on-demand pipelines, configured from `streams.*`: each feeds an in-memory LL-HLS packager. */
export function createStreamsModule(deps: StreamsModuleDeps): StreamsModule {
  const s = deps.config;
  const { repos, hub } = deps;
  const manager = new StreamManager({
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
    maxTranscodes: s.maxTranscodes,
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
      encoder: 'libx264',
      ingest: s.ingest,
    },
    ...(deps.pushSource ? { pushSource: deps.pushSource } : {}),
    views: auditedViewRecorder(repos, deps.storageGuard),
    authBlock: deps.authBlock,
    // An observation like a status: a locked database must not throw out of the pipeline's callbacks.
    transports: { remember: (id, transport) => (deps.storageGuard ? deps.storageGuard.run(`camera-transport:${id}`, () => void repos.cameras.setTransportInUse(id, transport)) : void repos.cameras.setTransportInUse(id, transport)) },
    createPackager: ({ expectedGopSec }) =>
      new HlsPackager({ targetSegmentSec: s.targetSegmentSec, partTargetSec: s.partTargetSec, lowLatency: s.lowLatency, expectedGopSec, now: () => deps.clock.now() }),
  });
  manager.onChange((status) => hub.publish('streams', { kind: 'status', ...status }, repos.cameras.get(status.cameraId)?.orgUnitId ?? null));
  manager.onRemoved((cameraId, profile, video) => hub.publish('streams', { kind: 'removed', cameraId, profile, video, removed: true }, repos.cameras.get(cameraId)?.orgUnitId ?? null));
  // A pipeline that went offline ("no publisher") does not retry by itself: drop it, the next request starts afresh.
  deps.onPublisherArrived((id) => {
    if ((['main', 'sub'] as const).some((p) => manager.find(id, p)?.state === 'offline')) void manager.stopCamera(id);
  });
  return {
    name: 'streams',
    manager,
    snapshots: new SnapshotService(manager, ffmpegFrameGrabber(s.ffmpegPath)),
    routes(app: FastifyInstance) {
      registerStreamRoutes(app, { streams: manager, cameras: repos.cameras, scope: deps.scope, audit: repos.audit, authBlock: deps.authBlock });
      registerReportRoutes(app, { cameras: repos.cameras, views: repos.views, orgUnits: repos.orgUnits, audit: repos.audit, scope: deps.scope, clock: deps.clock, utcOffsetMinutes: deps.utcOffsetMinutes });
    },
    start: async () => {
      manager.start();
      // Once per start: Debian's ffmpeg lists GPU encoders on machines without a GPU, so device nodes count too.
      const choice = chooseEncoder(await probeEncoders(s.ffmpegPath), s.transcodeEncoder);
      manager.setEncoder(choice.encoder);
      deps.log.info({ encoder: choice.encoder, why: choice.why, maxTranscodes: s.maxTranscodes }, 'transcode encoder chosen');
    },
    stop: () => manager.stopAll(),
  };
}
