/**
 * Each fault gets its own class and its own alarm (issue 10, items 8 and 10): a powered-off camera is offline, not
 * stalled; a camera that accepts TCP and sends nothing is stalled, not "invalid data"; ffmpeg killed under a healthy
 * camera is the gateway's problem (restart, no camera alarm); a camera that refuses our credentials is not asked
 * again (real cameras lock the account) until an operator retries. Real simulator, ffmpeg and SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDto, AlarmListResponse } from '../../contracts/src/alarm';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until, waitForSegments } from '../helpers/media-probe';
import { keepWatching, pipelineStatus } from '../helpers/stream-viewer';

interface CameraStatusDto {
  status: string;
  statusSince: string | null;
  statusReasonCode: string | null;
  statusReason: string | null;
}

describe('stream fault classes', () => {
  let h: Harness;
  beforeAll(async () => {
    // Short timeouts (ffmpeg I/O 2 s, watchdog 2 s, backoff 0.3–1 s, offline after 2 failures): the classes are told
    // apart by what happened (refused, silence after connect, a signal), not by how long anything took.
    h = await startHarness({ cameras: 4, health: { enabled: false, timeoutMs: 1500 }, streams: { ioTimeoutSec: 2, stallTimeoutSec: 2, backoffInitialMs: 300, backoffMaxMs: 1000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const status = (cameraId: string) => pipelineStatus(h, cameraId);
  const camera = async (cameraId: string) => (await h.api<CameraStatusDto>('GET', `/api/v1/cameras/${cameraId}`, undefined, h.adminToken)).body;
  const alarmsOf = async (cameraId: string): Promise<AlarmDto[]> =>
    (await h.api<AlarmListResponse>('GET', `/api/v1/alarms?cameraId=${cameraId}&limit=100`, undefined, h.adminToken)).body.items;
  /** Every reason code the sub pipeline of a camera reports while `fn` runs, sampled every 100 ms. */
  const sampleCodes = (cameraId: string) => {
    const codes = new Set<string>();
    let on = true;
    void (async () => {
      while (on) {
        const s = await status(cameraId).catch(() => undefined);
        if (s?.reasonCode) codes.add(s.reasonCode);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return { codes, stop: () => (on = false) };
  };

  it('a powered-off camera raises camera-offline (connection refused), never stream-stalled', async () => {
    const id = h.cameraIds.get(1)!;
    const url = await h.liveUrl(id);
    await waitForSegments(url, 1);
    const stopWatching = keepWatching(url);
    const sampled = sampleCodes(id);
    try {
      await h.fleet.stop(1);
      await until(async () => (await status(id))?.state === 'offline', 20_000, 'pipeline offline');
      const cam = await camera(id);
      expect(cam.status).toBe('offline');
      expect(['connection-refused', 'unreachable']).toContain(cam.statusReasonCode);
      const alarms = await until(async () => {
        const list = await alarmsOf(id);
        return list.length ? list : null;
      }, 5_000, 'an alarm');
      expect(alarms.map((a) => a.type)).toEqual(['camera-offline']);
      expect(alarms[0]!.detail).toMatch(/^(connection refused|camera unreachable)$/);
      expect(sampled.codes.has('stalled')).toBe(false);
    } finally {
      sampled.stop();
      stopWatching();
      await h.fleet.start(1);
    }
  });

  it('a camera that accepts TCP but sends nothing raises stream-stalled with code stalled, not invalid data', async () => {
    const id = h.cameraIds.get(2)!;
    const url = await h.liveUrl(id);
    await waitForSegments(url, 1);
    const stopWatching = keepWatching(url);
    const sampled = sampleCodes(id);
    try {
      h.fleet.stall(2);
      const offline = await until(async () => {
        const s = await status(id);
        return s?.state === 'offline' ? s : null;
      }, 30_000, 'pipeline offline');
      // Let a further attempt (connect, DESCRIBE never answered) end too.
      await until(async () => ((await status(id))?.consecutiveFailures ?? 0) > offline.consecutiveFailures, 15_000, 'a further attempt ended');
      const cam = await camera(id);
      expect(cam.status).toBe('offline');
      expect(cam.statusReasonCode).toBe('stalled');
      const alarms = await alarmsOf(id);
      expect(alarms.map((a) => [a.type, a.state])).toEqual([['stream-stalled', 'new']]);
      expect(alarms[0]!.detail).toBe('stalled: no video received');
      expect([...sampled.codes]).toEqual(['stalled']);
    } finally {
      sampled.stop();
      h.fleet.unstall(2);
      stopWatching();
    }
  });

  it('ffmpeg killed with SIGKILL under a healthy camera: restarted, camera stays online, no camera alarm', async () => {
    const id = h.cameraIds.get(3)!;
    // The escape hatch: this camera is always received by ffmpeg (its setting), whatever the in-process path could do.
    expect((await h.api('PATCH', `/api/v1/cameras/${id}?test=false`, { ingest: 'ffmpeg' }, h.adminToken)).status).toBe(200);
    const url = await h.liveUrl(id);
    await waitForSegments(url, 1);
    const stopWatching = keepWatching(url);
    try {
      const before = await until(async () => {
        const s = await status(id);
        return s?.state === 'live' && s.pid ? s : null;
      }, 10_000, 'live with a pid');
      expect(before).toMatchObject({ ingest: 'ffmpeg', ingestReason: 'camera-setting' });
      const cameraBefore = await camera(id);
      expect(cameraBefore.status).toBe('online');
      for (let i = 0; i < 2; i++) {
        const current = (await status(id))!;
        process.kill(current.pid!, 'SIGKILL');
        await until(async () => {
          const s = await status(id);
          return s?.state === 'live' && s.pid !== current.pid ? s : null;
        }, 20_000, `live again after kill ${i + 1}`);
      }
      const after = (await status(id))!;
      expect(after.restarts).toBeGreaterThanOrEqual(before.restarts + 2);
      const cameraAfter = await camera(id);
      expect(cameraAfter.status).toBe('online');
      expect(cameraAfter.statusSince).toBe(cameraBefore.statusSince); // no transition recorded at all
      expect(await alarmsOf(id)).toEqual([]);
      expect(h.logs.text()).toContain('ingest process died');
    } finally {
      stopWatching();
    }
  });

  it('stops asking a camera that refuses the credentials (≤ 2 tries in 5 s, health check included); retry after the fix plays', async () => {
    const id = h.cameraIds.get(4)!;
    const sim = h.fleet.cameras[3]!;
    h.fleet.breakAuth(4);
    const before = h.fleet.cameraStats(sim.index);
    const url = await h.liveUrl(id);
    const stopWatching = keepWatching(url);
    try {
      await until(async () => (await status(id))?.state === 'offline', 10_000, 'offline');
      expect(await status(id)).toMatchObject({ state: 'offline', reasonCode: 'auth-failed' });
      // 5 s: a pipeline that retried would have tried 3+ times (backoff 0.3–1 s); each sweep would probe the camera.
      const sweepUntil = Date.now() + 5000;
      while (Date.now() < sweepUntil) {
        await h.api('POST', '/api/v1/health/sweep', undefined, h.adminToken);
        await new Promise((r) => setTimeout(r, 1000));
      }
      const after = h.fleet.cameraStats(sim.index);
      const rejected = after.authRejected - before.authRejected;
      const describes = after.describes - before.describes;
      expect(rejected).toBeGreaterThanOrEqual(1);
      expect(rejected).toBeLessThanOrEqual(2);
      expect(describes).toBeLessThanOrEqual(4); // each try: one DESCRIBE for the challenge, one with credentials
      expect(await status(id)).toMatchObject({ state: 'offline', reasonCode: 'auth-failed' });
      expect((await alarmsOf(id)).map((a) => a.type)).toEqual(['auth-failed']);

      h.fleet.fixAuth(4);
      const retry = await h.api<{ cameraId: string; wasBlocked: boolean }>('POST', `/api/v1/cameras/${id}/retry`, undefined, h.adminToken);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ cameraId: id, wasBlocked: true });
      await until(async () => (await status(id))?.state === 'live', 20_000, 'live after retry');
      const audit = await h.api<{ items: Array<{ action: string; targetId: string }> }>('GET', '/api/v1/audit?action=camera.retry', undefined, h.adminToken);
      expect(audit.body.items.map((r) => [r.action, r.targetId])).toEqual([['camera.retry', id]]);
    } finally {
      stopWatching();
      h.fleet.fixAuth(4);
    }
  });
});
