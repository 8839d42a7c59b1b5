// The health summary as each kind of user sees it, on a real SQLite file: a township officer gets their township's
// headline and their cameras' share of the last sweep, never "county 0/0/0" or the county's sweep counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccessGuard, type AccessGuardDeps } from '../auth/access-guard';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope-service';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { createRepositories } from '../db/repositories';
import { EventHub } from '../realtime/event-hub';
import { CameraStatusService } from './camera-status-service';
import { HealthMonitor } from './health-monitor';
import { HealthReport } from './health-report';
import { registerHealthRoutes } from './health-routes';
import type { RtspProber } from './rtsp-probe';

const users: Record<string, AuthUser> = {
  'token-admin-xxxxxxxxxxxxxxxxxxxx': { id: 'u-admin', username: 'admin', displayName: 'admin', role: 'admin', orgUnitId: null, sessionId: 's1' },
  'token-officer-xxxxxxxxxxxxxxxxxx': { id: 'u-kc', username: 'kc', displayName: '康城值班', role: 'township-officer', orgUnitId: 'town-a', sessionId: 's2' },
  'token-empty-xxxxxxxxxxxxxxxxxxxx': { id: 'u-sc', username: 'sc', displayName: '双池值班', role: 'township-officer', orgUnitId: 'town-c', sessionId: 's3' },
};

interface Row {
  orgUnitId: string;
  level: string;
  total: number;
  online: number;
  offline: number;
  onlineRate: number | null;
}
interface Summary {
  units: Row[];
  scope: Row | null;
  lastSweep: { checked: number; online: number; offline: number; skipped: number; scoped: boolean } | null;
}

describe('health summary routes (SQLite file, scoped users)', () => {
  let dir: string;
  let db: Db;
  let app: FastifyInstance;
  const get = async (token: string) => {
    const res = await app.inject({ url: '/api/v1/health/summary', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    return res.json<Summary>();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'health-routes-'));
    db = openDatabase(join(dir, 'gateway.db'));
    migrate(db);
    const now = () => 1_765_000_000_000;
    const repos = createRepositories(db, now);
    const unit = (id: string, level: 'county' | 'township' | 'village', parentId: string | null) => repos.orgUnits.create({ id, name: `${id}-name`, nameEn: null, level, parentId, lat: null, lng: null, demo: false });
    unit('county', 'county', null);
    unit('town-a', 'township', 'county');
    unit('town-b', 'township', 'county');
    unit('town-c', 'township', 'county');
    unit('village-a1', 'village', 'town-a');
    // town-a: 2 online + 1 offline (one in a village); town-b: 2 offline; town-c: no cameras.
    const cams: Array<[string, string, 'on' | 'off']> = [
      ['a1', 'village-a1', 'on'],
      ['a2', 'town-a', 'on'],
      ['a3', 'town-a', 'off'],
      ['b1', 'town-b', 'off'],
      ['b2', 'town-b', 'off'],
    ];
    for (const [id, orgUnitId, state] of cams) {
      repos.cameras.create({
        id, name: id, orgUnitId, category: 1, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: 554, onvifPort: null,
        mainStreamUri: `rtsp://127.0.0.1/${id}/${state}`, subStreamUri: null, username: null, passwordEnc: null, lat: null, lng: null, direction: null, deviceCode: null,
        videoCodec: 'h264', vendor: null, model: null,
      } as unknown as Parameters<typeof repos.cameras.create>[0]);
    }
    const probe: RtspProber = async (url) => (url.endsWith('/on') ? { status: 'online', codec: 'h264', ms: 1 } : { status: 'offline', reason: 'connection-refused', ms: 1 });
    const status = new CameraStatusService(db, repos.cameras, new EventHub(100, now), now);
    const monitor = new HealthMonitor({ cameras: repos.cameras, passwordOf: () => null, probe, status, isLive: () => false, log: pino({ level: 'silent' }), opts: { intervalSec: 3600, concurrency: 2, timeoutMs: 1000, authRetrySec: 60, offlineAfterFailures: 1, maxEventLoopLagMs: 60_000 } });
    app = Fastify();
    const scope = new ScopeService(repos.orgUnits);
    registerAccessGuard(app, { sessions: { authenticate: (t: string) => users[t] ?? null }, audit: repos.audit, scope, orgUnits: repos.orgUnits } as unknown as AccessGuardDeps);
    registerHealthRoutes(app, { report: new HealthReport(db), monitor, orgUnits: repos.orgUnits, scope, clock: { now } as Parameters<typeof registerHealthRoutes>[1]['clock'] });
    await monitor.sweep();
  });

  afterAll(async () => {
    await app?.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a county-wide user gets the county headline and the whole sweep', async () => {
    const s = await get('token-admin-xxxxxxxxxxxxxxxxxxxx');
    expect(s.scope).toMatchObject({ orgUnitId: 'county', level: 'county', total: 5, online: 2, offline: 3 });
    expect(s.lastSweep).toMatchObject({ checked: 5, online: 2, offline: 3, skipped: 0, scoped: false });
  });

  it("a township officer gets their township's headline, rows and share of the sweep", async () => {
    const s = await get('token-officer-xxxxxxxxxxxxxxxxxx');
    expect(s.scope).toMatchObject({ orgUnitId: 'town-a', level: 'township', total: 3, online: 2, offline: 1 });
    expect(s.scope?.onlineRate).toBeCloseTo(2 / 3);
    expect(s.units.map((u) => u.orgUnitId).sort()).toEqual(['town-a', 'village-a1']);
    expect(s.lastSweep).toMatchObject({ checked: 3, online: 2, offline: 1, skipped: 0, scoped: true });
  });

  it('a township without cameras gets a zero headline of its own, not the county', async () => {
    const s = await get('token-empty-xxxxxxxxxxxxxxxxxxxx');
    expect(s.scope).toMatchObject({ orgUnitId: 'town-c', total: 0, online: 0, offline: 0, onlineRate: null });
    expect(s.units).toEqual([]);
    expect(s.lastSweep).toMatchObject({ checked: 0, online: 0, offline: 0, scoped: true });
  });
});
