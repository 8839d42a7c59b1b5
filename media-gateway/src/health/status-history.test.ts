// GET /api/v1/cameras/:id/status-history on a real SQLite file: the changes in a period with their reason codes, the
// status the period starts in, uptime computed as the availability ranking computes it, scope and validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraStatusHistory } from '../../../contracts/src/camera-status-history';
import { cameraCountyFixture, ORG, TOKENS, type CameraCountyFixture } from '../cameras/testing/camera-county-fixture';

const H = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

describe('camera status history (SQLite file)', () => {
  let f: CameraCountyFixture;
  const history = async (id: string, qs = '', token?: string) => {
    const res = await f.get(`/api/v1/cameras/${id}/status-history${qs}`, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CameraStatusHistory>();
  };
  const at = (t: number, fn: () => void) => {
    f.clock.t = t;
    fn();
  };

  beforeAll(async () => {
    f = await cameraCountyFixture();
    f.addCamera({ id: 'cam-a', name: 'A', orgUnitId: ORG.t1v1 });
    f.addCamera({ id: 'cam-late', name: 'late', orgUnitId: ORG.t1 });
    f.addCamera({ id: 'cam-quiet', name: 'quiet', orgUnitId: ORG.t1 });
    f.addCamera({ id: 'cam-b', name: 'B', orgUnitId: ORG.t2 });
    // cam-a: offline from before the period, online 01:00–07:00, offline 07:00–13:00, online from 13:00.
    at(T0 - 2 * H, () => f.status.record('cam-a', 'offline', { code: 'timeout', text: 'connection timed out' }));
    at(T0 + 1 * H, () => f.status.record('cam-a', 'online', null));
    at(T0 + 7 * H, () => f.status.record('cam-a', 'offline', { code: 'auth-failed', text: 'authentication failed' }));
    at(T0 + 13 * H, () => f.status.record('cam-a', 'online', null));
    // cam-late: nothing known until 18:00, online from then.
    at(T0 + 18 * H, () => f.status.record('cam-late', 'online', null));
    at(T0 + 18 * H, () => f.status.record('cam-b', 'offline', { code: 'unreachable', text: 'unreachable' }));
    f.clock.t = T0 + 24 * H;
  });
  afterAll(() => f?.close());

  it('gives the changes in the period with reason codes, the starting status and the uptime', async () => {
    const h = await history('cam-a', `?from=${iso(T0)}&to=${iso(T0 + 24 * H)}`);
    expect(h.initialStatus).toBe('offline');
    expect(h.events).toEqual([
      { status: 'online', at: iso(T0 + H), reasonCode: null, reason: null },
      { status: 'offline', at: iso(T0 + 7 * H), reasonCode: 'auth-failed', reason: 'authentication failed' },
      { status: 'online', at: iso(T0 + 13 * H), reasonCode: null, reason: null },
    ]);
    // Online 01–07 and 13–24: 17 of 24 known hours.
    expect(h.onlineMs).toBe(17 * H);
    expect(h.knownMs).toBe(24 * H);
    expect(h.uptime).toBeCloseTo(17 / 24, 10);
  });

  it('matches the availability ranking for the same period (one computation)', async () => {
    const h = await history('cam-a', `?from=${iso(T0)}&to=${iso(T0 + 24 * H)}`);
    const village = f.report.availability(f.repos.orgUnits.list(), null, T0, T0 + 24 * H).villages.find((v) => v.orgUnitId === ORG.t1v1);
    expect(village?.availability).toBe(h.uptime);
  });

  it('counts only known time: before the first change is unknown', async () => {
    const h = await history('cam-late');
    expect(h.from).toBe(iso(T0));
    expect(h.to).toBe(iso(T0 + 24 * H));
    expect(h.initialStatus).toBe('unknown');
    expect(h.knownMs).toBe(6 * H);
    expect(h.uptime).toBe(1);
    const quiet = await history('cam-quiet');
    expect(quiet).toMatchObject({ initialStatus: 'unknown', events: [], knownMs: 0, uptime: null });
  });

  it('a window inside a steady state has no events and the state it started in', async () => {
    const h = await history('cam-a', `?from=${iso(T0 + 2 * H)}&to=${iso(T0 + 4 * H)}`);
    expect(h).toMatchObject({ initialStatus: 'online', events: [], uptime: 1, knownMs: 2 * H });
  });

  it('is scoped like the camera: another township gets 403, an unknown camera 404', async () => {
    expect((await history('cam-a', '', TOKENS.officerT1)).events).toHaveLength(3);
    expect((await f.get('/api/v1/cameras/cam-a/status-history', TOKENS.officerT2)).statusCode).toBe(403);
    expect((await f.get('/api/v1/cameras/cam-none/status-history')).statusCode).toBe(404);
  });

  it('answers 400 naming the field for a bad period', async () => {
    for (const [qs, field] of [
      [`?from=${iso(T0 + H)}&to=${iso(T0)}`, 'query.from'],
      ['?from=yesterday', 'query.from'],
      ['?to=2026-13-01', 'query.to'],
      [`?from=${iso(T0 - 100 * 24 * H)}&to=${iso(T0)}`, 'query.from'],
      ['?days=7', 'query'],
    ] as const) {
      const res = await f.get(`/api/v1/cameras/cam-a/status-history${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json<{ message: string }>().message, qs).toContain(field);
    }
  });
});
