import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, ADMIN_PASSWORD } from '../helpers/gateway-harness';
import { until, waitForSegments } from '../helpers/media-probe';
import { keepWatching, pipelineStatus } from '../helpers/stream-viewer';

const WRONG_PASSWORD = 'Wr0ng-Pa55word-xyz';

describe('stream faults: camera down, stall, wrong password', () => {
  let h: Harness;
  beforeAll(async () => {
    // ffmpeg's own socket timeout is set above the watchdog's so the watchdog is what catches the stall.
    h = await startHarness({ cameras: 3, wrongPasswords: { 3: WRONG_PASSWORD }, streams: { stallTimeoutSec: 2, ioTimeoutSec: 4, backoffInitialMs: 300, backoffMaxMs: 1000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const status = (cameraId: string) => pipelineStatus(h, cameraId);

  it('goes offline with a reason when the camera disappears, and back to live by itself', async () => {
    const cam = h.fleet.cameras[0]!;
    const id = h.cameraIds.get(cam.index)!;
    const url = await h.liveUrl(id);
    await waitForSegments(url, 1);
    const stop = keepWatching(url);
    try {
      const t0 = Date.now();
      await h.fleet.stop(cam.index);
      const down = await until(async () => {
        const s = await status(id);
        return s?.state === 'offline' ? s : null;
      }, 15_000, 'offline state');
      expect(Date.now() - t0).toBeLessThan(15_000);
      expect(down.reason).toMatch(/refused|unreachable|timed out|stalled|exited/);
      const dto = (await h.api<{ status: string; statusReasonCode: string; statusReason: string }>('GET', `/api/v1/cameras/${id}`, undefined, h.adminToken)).body;
      expect(dto.status).toBe('offline');
      expect(dto.statusReason).toBe(down.reason);
      expect(dto.statusReasonCode).toBe(down.reasonCode);
      // The playlist tells a player the truth too.
      await h.fleet.start(cam.index);
      const up = await until(async () => {
        const s = await status(id);
        return s?.state === 'live' ? s : null;
      }, 20_000, 'live again');
      expect(up.restarts).toBeGreaterThan(0);
      expect((await h.api<{ status: string }>('GET', `/api/v1/cameras/${id}`, undefined, h.adminToken)).body.status).toBe('online');
    } finally {
      stop();
    }
  });

  it('restarts a stalled stream through the watchdog', async () => {
    const cam = h.fleet.cameras[1]!;
    const id = h.cameraIds.get(cam.index)!;
    const url = await h.liveUrl(id);
    await waitForSegments(url, 1);
    const stop = keepWatching(url);
    try {
      const before = (await status(id))!.restarts;
      h.fleet.stall(cam.index);
      const stalled = await until(async () => {
        const s = await status(id);
        return s && s.restarts > before ? s : null;
      }, 20_000, 'watchdog restart');
      expect(['reconnecting', 'offline']).toContain(stalled.state);
      expect(h.logs.text()).toContain('watchdog: no fragment');
      h.fleet.unstall(cam.index);
      await until(async () => (await status(id))?.state === 'live', 25_000, 'live after unstall');
    } finally {
      stop();
    }
  });

  it('reports auth failed for a wrong password, and never leaks a password', async () => {
    const cam = h.fleet.cameras[2]!;
    const id = h.cameraIds.get(cam.index)!;
    const url = await h.liveUrl(id);
    const res = await fetch(url);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { state: string; message: string };
    expect(body).toMatchObject({ state: 'offline', message: 'auth failed' });
    const s = await status(id);
    expect(s).toMatchObject({ state: 'offline', reasonCode: 'auth-failed', reason: 'auth failed' });

    // Nothing anywhere carries a password: logs, camera API responses, stream API.
    const cameraList = (await h.api('GET', '/api/v1/cameras', undefined, h.adminToken)).text;
    const streams = (await h.api('GET', '/api/v1/streams', undefined, h.adminToken)).text;
    const everything = [h.logs.text(), cameraList, streams].join('\n');
    expect(h.logs.lines.length).toBeGreaterThan(20);
    for (const secret of [WRONG_PASSWORD, ADMIN_PASSWORD, ...h.fleet.cameras.map((c) => c.password)]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(encodeURIComponent(secret));
    }
    expect(everything).not.toMatch(/rtsp:\/\/[^*\s"]+:[^@\s"]+@/);
    expect(everything).not.toContain(new URL(url).searchParams.get('token')!);
  });
});
