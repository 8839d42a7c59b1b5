// The "cameras nobody looked at" report as each kind of user gets it, on SQLite in memory behind the real access
// guard: the township scope is the gateway's (a township officer asking for another township gets nothing of it),
// bad input is a 400 naming the field, and the CSV opens in Excel (BOM) with the console's language.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraViewReportResponse } from '../../../contracts/src/camera-view-report';
import { registerAccessGuard, type AccessGuardDeps } from '../auth/access-guard';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope-service';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { createRepositories } from '../db/repositories';
import { registerReportRoutes } from './report-routes';

const ADMIN = 'token-admin-xxxxxxxxxxxxxxxxxxxx';
const KANGCHENG = 'token-officer-xxxxxxxxxxxxxxxxxx';
const users: Record<string, AuthUser> = {
  [ADMIN]: { id: 'u-admin', username: 'admin', displayName: 'admin', role: 'admin', orgUnitId: null, sessionId: 's1' },
  [KANGCHENG]: { id: 'u-kc', username: 'kc', displayName: '康城值班', role: 'township-officer', orgUnitId: '141130101', sessionId: 's2' },
};

const NOW = Date.parse('2026-12-07T12:00:00Z');
const DAY = 86_400_000;
const from = new Date(NOW - DAY).toISOString();
const to = new Date(NOW).toISOString();

describe('GET /api/v1/reports/camera-views (scope, validation, CSV)', () => {
  let db: Db;
  let app: FastifyInstance;
  const get = (token: string, query: string) => app.inject({ url: `/api/v1/reports/camera-views?${query}`, headers: { authorization: `Bearer ${token}` } });
  const report = async (token: string, query: string) => {
    const res = await get(token, query);
    expect(res.statusCode).toBe(200);
    return res.json<CameraViewReportResponse>();
  };

  beforeAll(() => {
    db = openDatabase(':memory:');
    migrate(db);
    const now = () => NOW;
    const repos = createRepositories(db, now);
    const unit = (id: string, name: string, level: 'county' | 'township' | 'village', parentId: string | null) => repos.orgUnits.create({ id, name, nameEn: `${id}-en`, level, parentId, lat: null, lng: null, demo: true });
    unit('141130', '交口县', 'county', null);
    unit('141130101', '康城镇', 'township', '141130');
    unit('141130102', '双池镇', 'township', '141130');
    unit('141130101200', '东村', 'village', '141130101');
    // kc-1 watched yesterday within the period; kc-2 (a village camera) watched last week only; sc-1 never.
    const cams: Array<[string, string, string, 1 | 3]> = [
      ['kc-1', '康城路口', '141130101', 1],
      ['kc-2', '东村广场', '141130101200', 3],
      ['sc-1', '双池桥头', '141130102', 3],
    ];
    for (const [id, name, orgUnitId, category] of cams) {
      repos.cameras.create({
        id, name, orgUnitId, category, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: 554, onvifPort: null,
        mainStreamUri: `rtsp://127.0.0.1/${id}`, subStreamUri: null, username: null, passwordEnc: null, lat: null, lng: null, direction: null, deviceCode: null,
        videoCodec: 'h264', vendor: null, model: null,
      } as unknown as Parameters<typeof repos.cameras.create>[0]);
    }
    const watched = repos.views.start({ userId: 'u-admin', cameraId: 'kc-1', profile: 'sub', ip: null, startedAt: NOW - 2 * 3600_000 });
    repos.views.end(watched, NOW - 3600_000);
    const old = repos.views.start({ userId: 'u-admin', cameraId: 'kc-2', profile: 'sub', ip: null, startedAt: NOW - 7 * DAY });
    repos.views.end(old, NOW - 7 * DAY + 60_000);
    app = Fastify();
    const scope = new ScopeService(repos.orgUnits);
    registerAccessGuard(app, { sessions: { authenticate: (t: string) => users[t] ?? null }, audit: repos.audit, scope, orgUnits: repos.orgUnits } as unknown as AccessGuardDeps);
    registerReportRoutes(app, { cameras: repos.cameras, views: repos.views, orgUnits: repos.orgUnits, audit: repos.audit, scope, clock: { now } as Parameters<typeof registerReportRoutes>[1]['clock'], utcOffsetMinutes: 480 });
  });

  afterAll(async () => {
    await app?.close();
    db?.close();
  });

  it('counts the unviewed cameras of the period and says when each was last watched', async () => {
    const r = await report(ADMIN, new URLSearchParams({ from, to }).toString());
    expect({ total: r.total, unviewedCount: r.unviewedCount, unviewed: [...r.unviewed].sort() }).toEqual({ total: 3, unviewedCount: 2, unviewed: ['kc-2', 'sc-1'] });
    const byId = new Map(r.items.map((i) => [i.cameraId, i]));
    expect(byId.get('kc-1')).toMatchObject({ seconds: 3600, sessions: 1, townshipId: '141130101', lastViewedAt: new Date(NOW - 3600_000).toISOString() });
    expect(byId.get('kc-2')).toMatchObject({ sessions: 0, townshipId: '141130101', lastViewedAt: new Date(NOW - 7 * DAY + 60_000).toISOString() });
    expect(byId.get('sc-1')).toMatchObject({ sessions: 0, townshipId: '141130102', lastViewedAt: null });
  });

  it('filters by township for the county, and keeps a township officer inside their own township', async () => {
    const county = await report(ADMIN, new URLSearchParams({ from, to, orgUnit: '141130102' }).toString());
    expect(county.items.map((i) => i.cameraId)).toEqual(['sc-1']);
    const own = await report(KANGCHENG, new URLSearchParams({ from, to }).toString());
    expect(own.items.map((i) => i.cameraId).sort()).toEqual(['kc-1', 'kc-2']);
    expect(own).toMatchObject({ total: 2, unviewedCount: 1 });
    // Another township: refused by the guard (and audited), for the table and the export alike.
    expect((await get(KANGCHENG, new URLSearchParams({ from, to, orgUnit: '141130102' }).toString())).statusCode).toBe(403);
    const csv = await get(KANGCHENG, new URLSearchParams({ from, to, orgUnit: '141130102', format: 'csv' }).toString());
    expect(csv.statusCode).toBe(403);
    expect(csv.body).not.toContain('双池桥头');
    // The county above them: narrowed to their own township, never the whole county.
    const county141130 = await report(KANGCHENG, new URLSearchParams({ from, to, orgUnit: '141130' }).toString());
    expect(county141130.items.map((i) => i.cameraId).sort()).toEqual(['kc-1', 'kc-2']);
  });

  it('answers bad input with a 400 naming the field', async () => {
    for (const [query, field] of [
      [new URLSearchParams({ to }).toString(), 'query.from'],
      [new URLSearchParams({ from, to, lang: 'fr' }).toString(), 'query.lang'],
      [new URLSearchParams({ from, to, format: 'xlsx' }).toString(), 'query.format'],
      [new URLSearchParams({ from, to, orgUnit: 'kangcheng' }).toString(), 'query.orgUnit'],
      [new URLSearchParams({ from: to, to: from }).toString(), 'query.to'],
      [new URLSearchParams({ from, to, period: 'week' }).toString(), 'query'],
    ] as const) {
      const res = await get(ADMIN, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ message: string }>().message, query).toContain(field);
    }
  });

  it('exports CSV with a BOM, headers and words in the console language, and the period in the file name', async () => {
    const zh = await get(ADMIN, new URLSearchParams({ from, to, format: 'csv' }).toString());
    expect(zh.headers['content-type']).toContain('text/csv');
    expect(zh.headers['content-disposition']).toBe('attachment; filename="camera-views-2026-12-06-2026-12-07.csv"');
    expect(zh.body.charCodeAt(0)).toBe(0xfeff);
    const lines = zh.body.slice(1).trim().split(/\r\n/);
    expect(lines[0]).toBe('点位名称,乡镇,村,类别,查看时长（秒）,查看次数,最近查看时间,本期是否查看');
    expect(lines).toContain('康城路口,康城镇,,一类点,3600,1,2026-12-07 19:00,是');
    expect(lines).toContain('东村广场,康城镇,东村,三类点,0,0,2026-11-30 20:01,否');
    expect(lines).toContain('双池桥头,双池镇,,三类点,0,0,从未查看,否');
    const en = await get(ADMIN, new URLSearchParams({ from, to, format: 'csv', lang: 'en' }).toString());
    const enLines = en.body.slice(1).trim().split(/\r\n/);
    expect(enLines[0]).toBe('Camera,Township,Village,Category,Viewed (s),Sessions,Last viewed,Viewed in period');
    expect(enLines).toContain('双池桥头,141130102-en,,Category 3,0,0,Never,no');
    const audit = db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'report.camera-views-export'").get() as { n: number };
    expect(audit.n).toBeGreaterThanOrEqual(2);
  });
});
