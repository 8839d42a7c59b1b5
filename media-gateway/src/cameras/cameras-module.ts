import type { ScopeService } from '../auth/scope-service';
import type { GatewayConfig } from '../config/config-schema';
import type { Db } from '../db/connection';
import type { Repositories } from '../db/repositories';
import type { ProcessSpawner } from '../ingest/process-spawner';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { EventHub } from '../realtime/event-hub';
import type { CredentialCipher } from '../security/credential-cipher';
import type { HlsTokenSigner } from '../security/hls-token';
import type { GatewayModule } from '../server/gateway-module';
import type { SnapshotService } from '../streams/snapshot-service';
import type { StreamInputResolver } from '../streams/stream-types';
import { registerCameraCsvRoutes } from './camera-csv-routes';
import { CameraImportService } from './camera-import';
import { registerCameraRoutes } from './camera-routes';
import { CameraService } from './camera-service';
import type { StreamAddressGuard } from './stream-address-guard';
import { StreamProber } from './stream-probe';

export interface CamerasModuleDeps {
  config: Pick<GatewayConfig, 'cameras' | 'streams' | 'rtmp' | 'auth' | 'port'>;
  db: Db;
  repos: Pick<Repositories, 'cameras' | 'orgUnits' | 'audit'>;
  scope: ScopeService;
  cipher: CredentialCipher;
  hlsTokens: HlsTokenSigner;
  hub: EventHub;
  spawner: ProcessSpawner;
  resolver: StreamInputResolver;
  /** The stream address policy (cameras.allowedNetworks), shared with the pipelines' resolver. */
  addressGuard: StreamAddressGuard;
  snapshots: SnapshotService;
  /** What the camera streams from changed: running pipelines restart. */
  stopPipelines(cameraId: string): Promise<void>;
  /** The RTMP push server, when enabled: its port, and dropping a publisher whose key was revoked. */
  rtmp: { port: number; kick(cameraId: string): void } | null;
  clock: Clock;
  log: Logger;
  userAgent: string;
  /** Live-URL audits, queued while the database refuses writes (see CameraRouteDeps.liveAudit). */
  liveAudit?: Pick<Repositories['audit'], 'append'>;
}

/** The camera inventory: CRUD with stream tests, CSV import/export, live URLs and snapshots. */
export function createCamerasModule(deps: CamerasModuleDeps): GatewayModule {
  const { config, repos, hub } = deps;
  const prober = new StreamProber(deps.spawner, { ffprobePath: config.cameras.ffprobePath, ioTimeoutSec: config.streams.ioTimeoutSec, totalTimeoutSec: config.cameras.testTimeoutSec, userAgent: deps.userAgent }, deps.log);
  const { addressGuard } = deps;
  const cameras = new CameraService({
    cameras: repos.cameras,
    orgUnits: repos.orgUnits,
    scope: deps.scope,
    cipher: deps.cipher,
    audit: repos.audit,
    onChange: {
      cameraChanged: (id) => deps.stopPipelines(id),
      publisherRevoked: (id) => deps.rtmp?.kick(id),
      inventoryChanged: (id, orgUnitId, kind) => hub.publish('cameras', { id, kind }, orgUnitId),
    },
    prober,
    resolver: deps.resolver,
    options: { testOnCreate: config.cameras.testOnCreate, rtmpBase: (hostname) => config.rtmp.publicUrl ?? `rtmp://${hostname}:${deps.rtmp?.port || config.rtmp.port}`, addressGuard },
  });
  const imports = new CameraImportService({
    db: deps.db,
    cameras: repos.cameras,
    orgUnits: repos.orgUnits,
    scope: deps.scope,
    cipher: deps.cipher,
    audit: repos.audit,
    options: {
      maxRows: config.cameras.importMaxRows,
      onCreated: (id, orgUnitId) => hub.publish('cameras', { id, kind: 'created' }, orgUnitId),
      addressGuard,
    },
  });
  return {
    name: 'cameras',
    routes(app) {
      registerCameraRoutes(app, { cameras, hlsTokens: deps.hlsTokens, audit: repos.audit, clock: deps.clock, hlsTokenTtlSec: config.auth.hlsTokenTtlSec, snapshots: deps.snapshots, liveAudit: deps.liveAudit });
      registerCameraCsvRoutes(app, { imports, maxBytes: config.cameras.importMaxBytes });
    },
  };
}
