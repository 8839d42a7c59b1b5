import pino from 'pino';
import type { Role } from '../../../../contracts/src/auth';
import type { ApiKeyClient } from '../../auth/access-guard';
import type { AuthUser } from '../../auth/auth-user';
import { ScopeService } from '../../auth/scope-service';
import type { GatewayConfig } from '../../config/config-schema';
import { AuditRepository } from '../../db/audit-repository';
import { CameraRepository } from '../../db/camera-repository';
import { openDatabase, type Db } from '../../db/connection';
import { LayoutRepository } from '../../db/layout-repository';
import { migrate } from '../../db/migrate';
import { OrgUnitRepository } from '../../db/org-unit-repository';
import { UserRepository } from '../../db/user-repository';
import { WallRepository } from '../../db/wall-repository';
import { CameraStatusService } from '../../health/camera-status-service';
import type { Clock, TimerHandle } from '../../platform/clock';
import { EventHub } from '../../realtime/event-hub';
import type { SnapshotService } from '../../streams/snapshot-service';
import { createAlarmsModule, type AlarmsModule } from '../alarms-module';
import type { AlarmService } from '../alarm-service';

export interface AlarmFixture {
  db: Db;
  hub: EventHub;
  module: AlarmsModule;
  service: AlarmService;
  status: CameraStatusService;
  county: string;
  township: string;
  otherTownship: string;
  /** Three cameras in `township`, one in `otherTownship`. */
  cameraIds: string[];
  otherCameraId: string;
  admin: AuthUser;
  user(role: Role, orgUnitId: string | null, id?: string): AuthUser;
  client: ApiKeyClient;
  /** Moves the manual clock (and fires due timers). */
  advance(ms: number): void;
  close(): void;
}

/** The alarms module over a real in-memory SQLite with the real migrations, a manual clock and a silent log. */
export function alarmFixture(config: Partial<GatewayConfig['alarms']> = {}, snapshot?: (cameraId: string) => Promise<Buffer>): AlarmFixture {
  let t = Date.parse('2025-06-01T08:00:00Z');
  const timers: Array<{ at: number; fn: () => void; handle: TimerHandle }> = [];
  const clock: Clock = {
    now: () => t,
    setTimeout: (fn, ms) => {
      const handle: TimerHandle = {};
      timers.push({ at: t + ms, fn, handle });
      return handle;
    },
    clearTimeout: (handle) => {
      const i = timers.findIndex((x) => x.handle === handle);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const now = () => t;
  const db = openDatabase(':memory:');
  migrate(db);
  const orgUnits = new OrgUnitRepository(db, now);
  const county = '141130';
  const township = '141130100';
  const otherTownship = '141130101';
  orgUnits.create({ id: county, name: '交口县', nameEn: null, level: 'county', parentId: null, lat: 36.98, lng: 111.18, demo: true });
  orgUnits.create({ id: township, name: '水头镇', nameEn: null, level: 'township', parentId: county, lat: 36.98, lng: 111.18, demo: true });
  orgUnits.create({ id: otherTownship, name: '康城镇', nameEn: null, level: 'township', parentId: county, lat: 37.05, lng: 111.28, demo: true });
  orgUnits.create({ id: '141130100200', name: '村', nameEn: null, level: 'village', parentId: township, lat: null, lng: null, demo: true });
  const insertCamera = db.prepare(
    `INSERT INTO cameras (id, name, org_unit_id, category, source_type, host, rtsp_port, status, created_at, updated_at, lat, lng)
     VALUES (?, ?, ?, 1, 'rtsp', '127.0.0.1', 554, 'online', ?, ?, 37, 111)`,
  );
  const cameraIds = ['cam-1', 'cam-2', 'cam-3'];
  for (const id of cameraIds) insertCamera.run(id, `camera ${id}`, '141130100200', t, t);
  insertCamera.run('cam-k', 'camera k', otherTownship, t, t);

  const users = new UserRepository(db, now);
  const cameras = new CameraRepository(db, now);
  const hub = new EventHub(10_000, now);
  const scope = new ScopeService(orgUnits);
  const module = createAlarmsModule({
    db,
    hub,
    clock,
    log: pino({ level: 'silent' }),
    config: { coalesceWindowSec: 300, snapshots: snapshot !== undefined, snapshotProfile: 'sub', snapshotConcurrency: 2, snapshotQueue: 10, pushThrottleMs: 0, flapThreshold: 4, flapWindowSec: 600, ...config },
    cameras,
    orgUnits,
    users,
    layouts: new LayoutRepository(db, now),
    walls: new WallRepository(db, now),
    audit: new AuditRepository(db, now),
    scope,
    snapshots: { take: (cameraId: string) => snapshot!(cameraId) } as unknown as SnapshotService,
  });
  const status = new CameraStatusService(db, cameras, hub, now);
  status.onTransition((x) => module.onCameraStatus(x));

  const user = (role: Role, orgUnitId: string | null, id = `${role}-${orgUnitId ?? 'county'}`): AuthUser => {
    if (!users.get(id)) users.create({ id, username: id, displayName: `${role} ${id}`, passwordHash: 'x', role, orgUnitId });
    return { id, username: id, displayName: `${role} ${id}`, role, orgUnitId, sessionId: 's' };
  };
  return {
    db,
    hub,
    module,
    service: module.service,
    status,
    county,
    township,
    otherTownship,
    cameraIds,
    otherCameraId: 'cam-k',
    admin: user('admin', null, 'admin'),
    user,
    client: { id: 'src-1', name: 'grid', allowedOrgUnitId: null },
    advance(ms) {
      t += ms;
      for (const due of timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at)) {
        timers.splice(timers.indexOf(due), 1);
        due.fn();
      }
    },
    close() {
      module.stop();
      db.close();
    },
  };
}
