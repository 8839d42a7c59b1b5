import type { AlarmDto } from '../../../contracts/src/alarm';
import type { FastifyInstance } from 'fastify';
import type { PipelineStatus } from '../../../contracts/src/stream-status';
import type { ApiKeyClient } from '../auth/access-guard';
import type { ScopeService } from '../auth/scope-service';
import type { GatewayConfig } from '../config/config-schema';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { Db } from '../db/connection';
import type { LayoutRepository } from '../db/layout-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { UserRepository } from '../db/user-repository';
import type { WallRepository } from '../db/wall-repository';
import type { CameraStatusTransition } from '../health/camera-status-service';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { EventHub } from '../realtime/event-hub';
import type { SnapshotService } from '../streams/snapshot-service';
import { registerAlarmAdminRoutes } from './alarm-admin-routes';
import { AlarmIncidentLink } from './alarm-incident-link';
import { AlarmPublisher } from './alarm-publisher';
import { AlarmRepository } from './alarm-repository';
import { registerAlarmRoutes } from './alarm-routes';
import { AlarmRuleRepository } from './alarm-rule-repository';
import { AlarmService } from './alarm-service';
import { AlarmSnapshotter } from './alarm-snapshotter';
import { AlarmSourceRepository } from './alarm-source-repository';
import { AlarmSourceService } from './alarm-source-service';
import type { GatewayModule } from '../server/gateway-module';
import { CameraFlapDetector } from './camera-flap-detector';
import { CameraHealthAlarmSource } from './camera-health-alarm-source';

export interface AlarmsModuleDeps {
  db: Db;
  hub: EventHub;
  clock: Clock;
  log: Logger;
  config: GatewayConfig['alarms'];
  cameras: CameraRepository;
  orgUnits: OrgUnitRepository;
  users: UserRepository;
  layouts: LayoutRepository;
  walls: WallRepository;
  audit: AuditRepository;
  scope: ScopeService;
  snapshots: SnapshotService;
}

export interface AlarmsModule extends GatewayModule {
  service: AlarmService;
  sources: AlarmSourceService;
  /** For the incident module (its AlarmLink). */
  incidentLink: AlarmIncidentLink;
  /** Wire to CameraStatusService.onTransition. */
  onCameraStatus(t: CameraStatusTransition): void;
  /** A new alarm was committed (after its push). */
  onAlarmCreated(listener: (alarm: AlarmDto) => void): void;
  /** Wire to StreamManager.onChange. */
  onPipeline(s: PipelineStatus): void;
  /** The access guard's `apiKeys`. */
  verifyApiKey(key: string): ApiKeyClient | null;
  routes(app: FastifyInstance): void;
  /** Snapshots still being taken (tests wait for them). */
  snapshotsIdle(): Promise<void>;
  /** Before the database closes: pending pushes are sent, snapshots in flight dropped. */
  stop(): void;
}

/** Wires the alarms module; gateway.ts only connects its inputs (status, pipelines, API keys). */
export function createAlarmsModule(d: AlarmsModuleDeps): AlarmsModule {
  const now = () => d.clock.now();
  const repo = new AlarmRepository(d.db);
  const rules = new AlarmRuleRepository(d.db, now);
  const publisher = new AlarmPublisher(d.db, d.hub, d.clock, (id) => repo.getDto(id), { layouts: d.layouts, walls: d.walls }, d.config.pushThrottleMs);
  let service: AlarmService | null = null;
  const snapshotter = d.config.snapshots
    ? new AlarmSnapshotter(
        (cameraId) => d.snapshots.take(cameraId, d.config.snapshotProfile, { userId: 'system:alarms', ip: null }),
        (alarmId, cameraId, jpeg) => service?.storeSnapshot(alarmId, cameraId, jpeg),
        d.log,
        { concurrency: d.config.snapshotConcurrency, maxQueued: d.config.snapshotQueue },
      )
    : null;
  service = new AlarmService({
    db: d.db,
    alarms: repo,
    rules,
    cameras: d.cameras,
    orgUnits: d.orgUnits,
    users: d.users,
    scope: d.scope,
    audit: d.audit,
    publisher,
    snapshots: snapshotter,
    log: d.log,
    now,
    coalesceWindowMs: d.config.coalesceWindowSec * 1000,
  });
  const sources = new AlarmSourceService(new AlarmSourceRepository(d.db), d.orgUnits, d.scope, d.audit, now);
  const flapWindowMs = d.config.flapWindowSec * 1000;
  const flaps = new CameraFlapDetector({ threshold: d.config.flapThreshold, windowMs: flapWindowMs });
  for (const open of repo.openCamerasOfType('camera-flapping')) flaps.restore(open.cameraId, open.lastAt);
  const health = new CameraHealthAlarmSource(service, flaps, now, d.log);
  let settleTimer: NodeJS.Timeout | null = null;
  const alarms = service;
  return {
    name: 'alarms',
    service: alarms,
    sources,
    incidentLink: new AlarmIncidentLink(repo, alarms, d.users),
    onCameraStatus: (t) => health.onStatusChange(t),
    onPipeline: (s) => health.onPipeline(s),
    onAlarmCreated: (listener) => publisher.onCreated(listener),
    verifyApiKey: (key) => sources.verify(key),
    routes(app) {
      registerAlarmRoutes(app, { alarms, users: d.users, scope: d.scope });
      registerAlarmAdminRoutes(app, { sources, rules, layouts: d.layouts, walls: d.walls, orgUnits: d.orgUnits, scope: d.scope, audit: d.audit });
    },
    snapshotsIdle: () => snapshotter?.idle() ?? Promise.resolve(),
    start() {
      // Flapping alarms resolve a window after the last change; checked a few times per window.
      settleTimer = setInterval(() => health.settle(), Math.min(60_000, Math.max(1000, flapWindowMs / 10)));
      settleTimer.unref();
    },
    stop() {
      if (settleTimer) clearInterval(settleTimer);
      snapshotter?.close();
      publisher.flush();
    },
  };
}
