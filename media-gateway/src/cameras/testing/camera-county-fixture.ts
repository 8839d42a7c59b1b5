// A small county on a real SQLite file behind the real access guard, camera routes and health routes: the camera
// list (paging, sort, filters, scope) and the status history are tested through HTTP as the console calls them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORG_UNITS, demoCameraPlacements } from '../../../../camera-config/src/index';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { registerAccessGuard, type AccessGuardDeps } from '../../auth/access-guard';
import type { AuthUser } from '../../auth/auth-user';
import { ScopeService } from '../../auth/scope-service';
import { openDatabase, type Db } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { createRepositories, type Repositories } from '../../db/repositories';
import { CameraStatusService } from '../../health/camera-status-service';
import { HealthReport } from '../../health/health-report';
import { registerHealthRoutes } from '../../health/health-routes';
import { EventHub } from '../../realtime/event-hub';
import { registerCameraRoutes, type CameraRouteDeps } from '../camera-routes';
import { CameraService, type CameraServiceDeps } from '../camera-service';

/** GB/T 2260-style codes: county, townships t1 and t2, one village in each. */
export const ORG = { c: '141130', t1: '141130100', t2: '141130101', t1v1: '141130100200', t2v1: '141130101200' } as const;

export const TOKENS = {
  admin: 'token-admin-xxxxxxxxxxxxxxxxxxxx',
  /** A duty officer of township t1 (its village included). */
  officerT1: 'token-officer-t1-xxxxxxxxxxxxxx',
  officerT2: 'token-officer-t2-xxxxxxxxxxxxxx',
} as const;

const USERS: Record<string, AuthUser> = {
  [TOKENS.admin]: { id: 'u-admin', username: 'admin', displayName: 'admin', role: 'admin', orgUnitId: null, sessionId: 's1' },
  [TOKENS.officerT1]: { id: 'u-t1', username: 't1', displayName: 't1', role: 'township-officer', orgUnitId: ORG.t1, sessionId: 's2' },
  [TOKENS.officerT2]: { id: 'u-t2', username: 't2', displayName: 't2', role: 'township-officer', orgUnitId: ORG.t2, sessionId: 's3' },
};

export interface CameraSeed {
  id: string;
  name: string;
  orgUnitId: string;
  category?: 1 | 2 | 3;
  host?: string;
  deviceCode?: string | null;
  passwordEnc?: string | null;
}

export interface CameraCountyFixture {
  db: Db;
  repos: Repositories;
  status: CameraStatusService;
  report: HealthReport;
  /** The manual clock every part reads. */
  clock: { t: number };
  addCamera(seed: CameraSeed): void;
  get(url: string, token?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The county ORG.c with two townships and a village in each, and no cameras yet; or, with `demoCounty`, the demo
 * county's org units (ORG's county and townships are among them) and its 880 cameras (ids `demo-<n>`).
 */
export async function cameraCountyFixture(opts: { demoCounty?: boolean } = {}): Promise<CameraCountyFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'camera-county-'));
  const db = openDatabase(join(dir, 'gateway.db'));
  migrate(db);
  const clock = { t: Date.parse('2026-12-01T00:00:00Z') };
  const now = () => clock.t;
  const repos = createRepositories(db, now);
  const unit = (id: string, level: 'county' | 'township' | 'village', parentId: string | null) => repos.orgUnits.create({ id, name: `${id}-name`, nameEn: null, level, parentId, lat: null, lng: null, demo: false });
  const addCamera = (s: CameraSeed) => {
    repos.cameras.create({
      id: s.id, name: s.name, orgUnitId: s.orgUnitId, category: s.category ?? 3, sourceType: 'rtsp', host: s.host ?? '127.0.0.1', rtspPort: 554, onvifPort: null,
      mainStreamUri: `rtsp://${s.host ?? '127.0.0.1'}/${s.id}`, subStreamUri: null, username: 'admin', passwordEnc: s.passwordEnc ?? null, lat: null, lng: null, direction: null,
      deviceCode: s.deviceCode ?? null, videoCodec: 'h264', vendor: null, model: null,
    } as unknown as Parameters<typeof repos.cameras.create>[0]);
  };
  if (opts.demoCounty) {
    db.transaction(() => {
      for (const u of DEMO_ORG_UNITS) repos.orgUnits.create({ ...u });
      demoCameraPlacements().forEach((p, i) => addCamera({ id: `demo-${i + 1}`, name: p.name, orgUnitId: p.orgUnitId, category: p.category, host: `127.1.${Math.floor((i + 1) / 250)}.${((i + 1) % 250) + 1}` }));
    })();
  } else {
    unit(ORG.c, 'county', null);
    unit(ORG.t1, 'township', ORG.c);
    unit(ORG.t2, 'township', ORG.c);
    unit(ORG.t1v1, 'village', ORG.t1);
    unit(ORG.t2v1, 'village', ORG.t2);
  }
  const scope = new ScopeService(repos.orgUnits);
  const status = new CameraStatusService(db, repos.cameras, new EventHub(100, now), now);
  const report = new HealthReport(db);
  const app: FastifyInstance = Fastify();
  registerAccessGuard(app, { sessions: { authenticate: (t: string) => USERS[t] ?? null }, audit: repos.audit, scope, orgUnits: repos.orgUnits, cameras: repos.cameras } as unknown as AccessGuardDeps);
  // Only the list and the read routes are exercised: the stream side of the service is never reached.
  const cameras = new CameraService({ cameras: repos.cameras, orgUnits: repos.orgUnits, scope, audit: repos.audit } as unknown as CameraServiceDeps);
  registerCameraRoutes(app, { cameras, audit: repos.audit, clock: { now } } as unknown as CameraRouteDeps);
  registerHealthRoutes(app, { report, orgUnits: repos.orgUnits, scope, clock: { now } } as unknown as Parameters<typeof registerHealthRoutes>[1]);
  await app.ready();
  return {
    db,
    repos,
    status,
    report,
    clock,
    addCamera,
    get: (url, token = TOKENS.admin) => app.inject({ url, headers: { authorization: `Bearer ${token}` } }),
    close: async () => {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
