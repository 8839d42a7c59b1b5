import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDetailDto, AlarmDto, AlarmListResponse } from '../../contracts/src/alarm';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until, waitForSegments } from '../helpers/media-probe';
import { keepWatching, pipelineStatus } from '../helpers/stream-viewer';

/** Camera health as an alarm source: real simulator, real health check and pipelines, real SQLite. */
describe('camera health alarms', () => {
  let h: Harness;
  beforeAll(async () => {
    // As in stream-faults: ffmpeg's socket timeout above the watchdog's, so the watchdog is what catches a stall.
    h = await startHarness({ cameras: 3, health: { enabled: false, timeoutMs: 1500 }, streams: { stallTimeoutSec: 2, ioTimeoutSec: 4, backoffInitialMs: 300, backoffMaxMs: 1000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const alarmsOf = async (cameraId: string): Promise<AlarmDto[]> =>
    (await h.api<AlarmListResponse>('GET', `/api/v1/alarms?cameraId=${cameraId}&limit=100`, undefined, h.adminToken)).body.items;
  const sweep = () => h.api('POST', '/api/v1/health/sweep', undefined, h.adminToken);

  it('raises exactly one camera-offline alarm for a stopped camera, however many sweeps see it down', async () => {
    const id = h.cameraIds.get(1)!;
    await sweep(); // everyone online first: no alarm
    expect((await h.api<AlarmListResponse>('GET', '/api/v1/alarms', undefined, h.adminToken)).body.total).toBe(0);
    await h.fleet.stop(1);
    for (let i = 0; i < 3; i++) await sweep();
    const alarms = await alarmsOf(id);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ type: 'camera-offline', severity: 'major', source: 'camera-health', state: 'new', count: 1, cameraId: id, orgUnitId: '141130100', detail: 'connection refused', hasSnapshot: false });
    expect(alarms[0]!.title).toContain('测试点');
    // The other cameras stay quiet.
    expect((await h.api<AlarmListResponse>('GET', '/api/v1/alarms', undefined, h.adminToken)).body.total).toBe(1);
  });

  it('auto-resolves it when the camera is back, with the recovery in its history', async () => {
    const id = h.cameraIds.get(1)!;
    await h.fleet.start(1);
    await sweep();
    const [alarm] = await alarmsOf(id);
    expect(alarm).toMatchObject({ state: 'resolved', resolvedBy: 'system' });
    expect(alarm!.resolutionNote).toMatch(/^camera-online/);
    const detail = (await h.api<AlarmDetailDto>('GET', `/api/v1/alarms/${alarm!.id}`, undefined, h.adminToken)).body;
    expect(detail.history.map((e) => [e.action, e.actor, e.fromState, e.toState])).toEqual([
      ['raised', 'system', null, 'new'],
      ['camera-online', 'system', 'new', 'resolved'],
    ]);
    await sweep();
    expect(await alarmsOf(id)).toHaveLength(1);
  });

  it('raises auth-failed for a camera that refuses the stored credentials', async () => {
    h.fleet.breakAuth(3);
    await sweep();
    await sweep();
    const alarms = await alarmsOf(h.cameraIds.get(3)!);
    expect(alarms.map((a) => [a.type, a.detail, a.state])).toEqual([['auth-failed', 'auth failed', 'new']]);
    h.fleet.fixAuth(3);
    // The health check no longer tries a camera that refused our credentials (cameras lock accounts): an operator
    // asks for a retry once it is fixed.
    expect((await h.api('POST', `/api/v1/cameras/${h.cameraIds.get(3)!}/retry`, undefined, h.adminToken)).status).toBe(200);
    await sweep();
    expect((await alarmsOf(h.cameraIds.get(3)!))[0]!.state).toBe('resolved');
  });

  it('raises stream-stalled once for a watched camera that stalls, resolved when video flows again', async () => {
    const id = h.cameraIds.get(2)!;
    const url = await h.liveUrl(id);
    await waitForSegments(url, 1);
    const stopWatching = keepWatching(url);
    try {
      h.fleet.stall(2);
      const [stalled] = await until(async () => {
        const list = await alarmsOf(id);
        return list.length ? list : null;
      }, 20_000, 'stream-stalled alarm');
      expect(stalled).toMatchObject({ type: 'stream-stalled', state: 'new', detail: 'stalled: no video received', hasSnapshot: false });
      // It stays stalled: the pipeline keeps failing and the health check now finds the camera not answering
      // (offline, 'not responding (timed out after 1.5 s)'). Still that one alarm, its detail following the reason.
      await until(async () => (await pipelineStatus(h, id))?.state !== 'live', 10_000, 'pipeline not live');
      await sweep();
      const now = await alarmsOf(id);
      expect(now.map((a) => [a.id, a.type, a.state])).toEqual([[stalled!.id, 'stream-stalled', 'new']]);
      expect(now[0]!.detail).toBe('not responding (timed out after 1.5 s)');
      h.fleet.unstall(2);
      await until(async () => (await alarmsOf(id))[0]?.state === 'resolved', 60_000, 'resolved after unstall');
      expect(await alarmsOf(id)).toHaveLength(1);
    } finally {
      stopWatching();
    }
  });
});
