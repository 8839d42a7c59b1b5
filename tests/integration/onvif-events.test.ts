/**
 * ONVIF events end to end: three simulated ONVIF cameras on 127.47.0.1–3 (SOAP on ephemeral ports, WS-Discovery on
 * ephemeral UDP ports; this range is used by this file only), registered with host + ONVIF port + credentials; the
 * gateway subscribes (PullPoint), long-polls, and turns motion/tamper into alarms with a snapshot of the camera.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDto, AlarmListResponse } from '../../contracts/src/alarm';
import type { OnvifEventCameraStatus, OnvifEventsStatus } from '../../media-gateway/src/onvif-events/onvif-event-service';
import { colourDistance, startFleet, type Fleet, type SimCamera } from '../../scripts/sim/index';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { centrePixel, until } from '../helpers/media-probe';

describe('ONVIF events → alarms', () => {
  let h: Harness;
  let fleet: Fleet;
  const ids = new Map<number, string>();

  const alarmsOf = async (cameraId: string, type: string): Promise<AlarmDto[]> =>
    (await h.api<AlarmListResponse>('GET', `/api/v1/alarms?cameraId=${cameraId}&type=${type}&limit=100`, undefined, h.adminToken)).body.items;
  const status = async (): Promise<OnvifEventsStatus> => {
    const res = await h.api<OnvifEventsStatus>('GET', '/api/v1/onvif-events/status', undefined, h.adminToken);
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const statusOf = async (index: number): Promise<OnvifEventCameraStatus | undefined> => (await status()).items.find((i) => i.cameraId === ids.get(index));
  const raiseViaControlApi = async (cam: SimCamera, kind: 'motion' | 'tamper', active = true): Promise<number> => {
    const res = await fetch(`${fleet.controlUrl}/cameras/${cam.id}/events/${kind}${active ? '' : '?active=false'}`, { method: 'POST' });
    expect(res.status).toBe(200);
    return ((await res.json()) as { subscriptions: number }).subscriptions;
  };

  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
    fleet = await startFleet({ cameras: 3, port: 0, controlPort: 0, baseOctets: [127, 47], onvif: { port: 0, discoveryPort: 0 }, prewarm: true });
    await fleet.prewarmDone;
    for (const cam of fleet.cameras) {
      const res = await h.api<{ id: string }>(
        'POST',
        '/api/v1/cameras',
        {
          name: `ONVIF ${cam.name}`,
          orgUnitId: '141130100',
          category: 1,
          sourceType: 'onvif',
          host: cam.host,
          rtspPort: cam.port,
          onvifPort: cam.onvifPort,
          mainStreamUri: cam.mainUrl,
          subStreamUri: cam.subUrl,
          username: cam.username,
          password: cam.password,
          videoCodec: 'h264',
        },
        h.adminToken,
      );
      expect(res.status, res.text).toBe(201);
      ids.set(cam.index, res.body.id);
    }
    // The cameras are checked (online, so alarms get snapshots); the status changes make the gateway pick them up.
    expect((await h.api('POST', '/api/v1/health/sweep', undefined, h.adminToken)).status).toBe(200);
  });

  afterAll(async () => {
    await h?.close();
    await fleet?.close();
  });

  it('subscribes to every camera with an ONVIF port (the harness camera has none) and reports it', async () => {
    const s = await until(async () => {
      const st = await status();
      return st.subscribed === 3 && st;
    }, 15_000, 'three subscriptions');
    expect(s).toMatchObject({ enabled: true, total: 3, subscribed: 3 });
    for (const cam of fleet.cameras) {
      const item = s.items.find((i) => i.cameraId === ids.get(cam.index));
      expect(item, cam.id).toMatchObject({ state: 'subscribed', eventsUrl: `http://${cam.host}:${cam.onvifPort}/onvif/Events`, subscriptions: 1, lastError: null });
      expect(Date.parse(item!.expiresAt!)).toBeGreaterThan(Date.now());
    }
    // Subscribing raised nothing (initial states are all false).
    expect((await h.api<AlarmListResponse>('GET', '/api/v1/alarms', undefined, h.adminToken)).body.total).toBe(0);
    // A viewer without stream.read may not look.
    const password = 'Vw7!kq2Lp9xZ-onvif';
    const viewer = await h.api('POST', '/api/v1/users', { username: 'onvif-viewer', displayName: 'V', password, role: 'viewer', orgUnitId: null }, h.adminToken);
    expect(viewer.status, viewer.text).toBe(201);
    const login = await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'onvif-viewer', password });
    expect((await h.api('GET', '/api/v1/alarms', undefined, login.body.token)).status).toBe(200);
    expect((await h.api('GET', '/api/v1/onvif-events/status', undefined, login.body.token)).status).toBe(403);
    // A township officer of another township sees none of these cameras.
    const officer = await h.api('POST', '/api/v1/users', { username: 'onvif-officer', displayName: 'O', password, role: 'township-officer', orgUnitId: '141130101' }, h.adminToken);
    expect(officer.status, officer.text).toBe(201);
    const officerLogin = await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'onvif-officer', password });
    const scoped = await h.api<OnvifEventsStatus>('GET', '/api/v1/onvif-events/status', undefined, officerLogin.body.token);
    expect(scoped.status).toBe(200);
    expect(scoped.body).toMatchObject({ total: 0, items: [] });
  });

  it('motion on camera X → one motion alarm for X with a snapshot of X’s picture; a repeat is coalesced', async () => {
    const x = fleet.cameras[0]!;
    const id = ids.get(x.index)!;
    const raisedAt = Date.now();
    expect(await raiseViaControlApi(x, 'motion')).toBe(1);
    const [alarm] = await until(async () => {
      const list = await alarmsOf(id, 'motion');
      return list.length > 0 && list;
    }, 5000, 'motion alarm');
    expect(Date.now() - raisedAt).toBeLessThan(5000);
    expect(alarm).toMatchObject({ type: 'motion', severity: 'minor', source: 'onvif', cameraId: id, state: 'new', count: 1 });
    expect(alarm!.detail).toContain('VideoSource/MotionAlarm');

    const url = `${h.gw.url}/api/v1/alarms/${alarm!.id}/snapshot`;
    const jpeg = await until(async () => {
      const r = await fetch(url, { headers: { authorization: `Bearer ${h.adminToken}` } });
      return r.status === 200 ? Buffer.from(await r.arrayBuffer()) : null;
    }, 30_000, 'alarm snapshot');
    const file = join(mkdtempSync(join(tmpdir(), 'cvg-onvif-snap-')), 'snap.jpg');
    writeFileSync(file, jpeg);
    const px = await centrePixel(file, 640, 360);
    expect(colourDistance(px, x.colour)).toBeLessThan(35);
    for (const other of fleet.cameras.slice(1)) expect(colourDistance(px, other.colour)).toBeGreaterThan(35);

    // The end of the motion raises nothing; motion again folds into the same alarm.
    await raiseViaControlApi(x, 'motion', false);
    fleet.raiseEvent(x.id, 'motion');
    await until(async () => (await alarmsOf(id, 'motion'))[0]?.count === 2, 5000, 'count 2');
    const after = await alarmsOf(id, 'motion');
    expect(after.map((a) => [a.id, a.count])).toEqual([[alarm!.id, 2]]);
    expect((await statusOf(x.index))?.events.motion).toBe(2);
    // The other cameras stay quiet.
    for (const other of fleet.cameras.slice(1)) expect(await alarmsOf(ids.get(other.index)!, 'motion')).toEqual([]);
  });

  it('resubscribes after the camera restarts; its next motion still reaches the alarm', async () => {
    const x = fleet.cameras[0]!;
    const id = ids.get(x.index)!;
    fleet.raiseEvent(x.id, 'motion', false);
    await fleet.stop(x.id);
    await until(async () => (await statusOf(x.index))?.state === 'backoff', 10_000, 'backoff while the camera is down');
    expect((await statusOf(x.index))?.lastError).toBeTruthy();
    await new Promise((r) => setTimeout(r, 500));
    await fleet.start(x.id);
    const s = await until(async () => {
      const st = await statusOf(x.index);
      return st?.state === 'subscribed' && st.subscriptions >= 2 && st;
    }, 15_000, 'resubscribed');
    expect(s.consecutiveFailures).toBe(0);
    expect(fleet.raiseEvent(x.id, 'motion')).toBe(1);
    await until(async () => (await alarmsOf(id, 'motion'))[0]?.count === 3, 5000, 'count 3 after the restart');
    expect(await alarmsOf(id, 'motion')).toHaveLength(1);
  });

  it('tamper → a major tamper alarm (camera 2, Dahua-style; camera 3 runs 13 minutes fast)', async () => {
    for (const cam of fleet.cameras.slice(1)) {
      expect(fleet.raiseEvent(cam.id, 'tamper')).toBe(1);
      const [alarm] = await until(async () => {
        const list = await alarmsOf(ids.get(cam.index)!, 'tamper');
        return list.length > 0 && list;
      }, 5000, `tamper alarm of ${cam.id}`);
      expect(alarm).toMatchObject({ type: 'tamper', severity: 'major', source: 'onvif', count: 1 });
      expect(alarm!.detail).toContain('GlobalSceneChange');
      // occurredAt is moved from the device clock onto the gateway's.
      expect(Math.abs(Date.parse(alarm!.occurredAt) - Date.now())).toBeLessThan(30_000);
    }
  });
});
