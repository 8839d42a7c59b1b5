import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until } from '../helpers/media-probe';

interface Unit {
  orgUnitId: string;
  level: string;
  total: number;
  online: number;
  offline: number;
  onlineRate: number | null;
}

/** The background health check: every camera's status is known without anyone watching it. */
describe('camera health check', () => {
  let h: Harness;
  beforeAll(async () => {
    // Checks run on demand here (POST /health/sweep); the interval is long so timers do not race the test.
    h = await startHarness({ cameras: 6, prewarm: false, health: { enabled: false, timeoutMs: 1500 } });
    await h.fleet.stop(2);
    h.fleet.stall(3);
    h.fleet.breakAuth(4);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('marks each camera online or offline with the reason, without pulling video', async () => {
    const sweep = await h.api<{ checked: number; online: number; offline: number }>('POST', '/api/v1/health/sweep', undefined, h.adminToken);
    expect(sweep.body).toMatchObject({ checked: 6, online: 3, offline: 3 });
    const get = async (i: number) => (await h.api<{ status: string; statusReasonCode: string | null; statusReason: string | null }>('GET', `/api/v1/cameras/${h.cameraIds.get(i)}`, undefined, h.adminToken)).body;
    expect(await get(1)).toMatchObject({ status: 'online', statusReasonCode: null, statusReason: null });
    expect(await get(2)).toMatchObject({ status: 'offline', statusReasonCode: 'connection-refused', statusReason: 'connection refused' });
    // Connected, then no answer at all: not responding, with the health check's timeout (not a connect timeout).
    expect(await get(3)).toMatchObject({ status: 'offline', statusReasonCode: 'not-responding', statusReason: 'not responding (timed out after 1.5 s)' });
    expect(await get(4)).toMatchObject({ status: 'offline', statusReasonCode: 'auth-failed', statusReason: 'auth failed' });
    expect(h.fleet.stats().framesSent).toBe(0); // DESCRIBE only: not one frame was pulled
  });

  it('rolls the figures up per village, township and county, and ranks availability', async () => {
    const summary = await h.api<{ units: Unit[] }>('GET', '/api/v1/health/summary', undefined, h.adminToken);
    const county = summary.body.units.find((u) => u.level === 'county')!;
    expect(county).toMatchObject({ total: 6, online: 3, offline: 3, onlineRate: 0.5 });
    const offline = await h.api<{ items: Array<{ cameraId: string; reason: string }> }>('GET', '/api/v1/health/offline', undefined, h.adminToken);
    expect(offline.body.items.map((i) => i.cameraId).sort()).toEqual([2, 3, 4].map((i) => h.cameraIds.get(i)).sort());
    // Camera 2 comes back: the next sweep records it, and its status history feeds availability.
    await h.fleet.start(2);
    await h.api('POST', '/api/v1/health/sweep', undefined, h.adminToken);
    await until(async () => (await h.api<{ status: string }>('GET', `/api/v1/cameras/${h.cameraIds.get(2)}`, undefined, h.adminToken)).body.status === 'online', 5000, 'back online');
    const avail = await h.api<{ townships: Array<{ orgUnitId: string; availability: number | null; cameras: number }> }>('GET', '/api/v1/health/availability?days=1', undefined, h.adminToken);
    const shuitou = avail.body.townships.find((t) => t.orgUnitId === '141130100')!;
    expect(shuitou.cameras).toBe(6);
    expect(shuitou.availability).toBeGreaterThan(0.3);
    expect(shuitou.availability).toBeLessThan(1);
    const csv = await fetch(`${h.gw.url}/api/v1/health/availability?days=30&format=csv`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('141130100');
  });

  it('pushes status changes on the cameras topic and keeps history rows', () => {
    const rows = h.gw.db.prepare('SELECT camera_id, status FROM camera_status_events ORDER BY id').all() as Array<{ camera_id: string; status: string }>;
    expect(rows.filter((r) => r.camera_id === h.cameraIds.get(2)).map((r) => r.status)).toEqual(['offline', 'online']);
  });
});
