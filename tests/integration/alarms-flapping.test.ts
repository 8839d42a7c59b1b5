/**
 * Flap damping (issue 10, item 9): an unwatched camera switched off and on again and again, seen by the background
 * health check, raises one `camera-flapping` alarm counting its outages instead of an alarm per outage, and that
 * alarm resolves once the camera has been stable for the flap window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDetailDto, AlarmDto, AlarmListResponse } from '../../contracts/src/alarm';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until } from '../helpers/media-probe';

const THRESHOLD = 4;
// Short, so that "stable for the whole window" is a short wait; the 8 outages (16 sweeps) take about a second.
const WINDOW_SEC = 6;

describe('camera flapping', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cameras: 1, health: { enabled: false, timeoutMs: 1500 }, alarms: { flapThreshold: THRESHOLD, flapWindowSec: WINDOW_SEC } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const alarmsOf = async (cameraId: string): Promise<AlarmDto[]> =>
    (await h.api<AlarmListResponse>('GET', `/api/v1/alarms?cameraId=${cameraId}&limit=100`, undefined, h.adminToken)).body.items;
  // The background health check's pass, on demand (what an unwatched camera is seen by).
  const sweep = () => h.api('POST', '/api/v1/health/sweep', undefined, h.adminToken);

  it('one camera-flapping alarm with the outage count, far fewer alarms than outages; resolved when stable', async () => {
    const id = h.cameraIds.get(1)!;
    await sweep(); // online first
    const OUTAGES = 8;
    for (let i = 0; i < OUTAGES; i++) {
      await h.fleet.stop(1);
      await sweep();
      await h.fleet.start(1);
      await sweep();
    }
    const alarms = await alarmsOf(id);
    const flapping = alarms.filter((a) => a.type === 'camera-flapping');
    expect(flapping).toHaveLength(1);
    expect(flapping[0]!.count).toBeGreaterThanOrEqual(THRESHOLD);
    expect(flapping[0]!.state).toBe('new');
    expect(alarms.length).toBeLessThanOrEqual(OUTAGES / 2);
    // The individual outage alarms before the damping started were resolved when the camera came back.
    expect(alarms.filter((a) => a.type !== 'camera-flapping').every((a) => a.state === 'resolved')).toBe(true);

    // Stable for the whole window: the flapping alarm resolves by itself.
    const resolved = await until(async () => {
      const a = (await alarmsOf(id)).find((x) => x.id === flapping[0]!.id);
      return a?.state === 'resolved' ? a : null;
    }, (WINDOW_SEC + 10) * 1000, 'flapping alarm resolved');
    expect(resolved.resolvedBy).toBe('system');
    const detail = (await h.api<AlarmDetailDto>('GET', `/api/v1/alarms/${resolved.id}`, undefined, h.adminToken)).body;
    expect(detail.history.map((e) => e.action)).toEqual(['raised', 'camera-online']);
  });
});
