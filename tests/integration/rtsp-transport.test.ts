/**
 * Cameras this project did not write (issue 11, items 2–4): a UDP-only camera (GStreamer's RTSP server restricted
 * to UDP, answering a TCP SETUP with 461) plays over UDP after the TCP attempt, and says so; a camera fixed to TCP
 * on it is offline for that reason in both the pipeline and the health check (no flapping, one alarm); a camera that
 * accepts TCP and never answers is "not responding (timed out after N s)"; user names that cannot work are refused
 * at the boundary and an upper-case RTSP:// plays. Real GStreamer, ffmpeg, ffprobe and SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDto, AlarmListResponse } from '../../contracts/src/alarm';
import type { CameraDto, StreamTestResult } from '../../contracts/src/camera';
import type { PipelineStatus } from '../../contracts/src/stream-status';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { startSilentCamera, startUdpOnlyCamera, type GstCamera } from '../helpers/gst-rtsp-server';
import { downloadMedia, probeVideo, until, waitForSegments } from '../helpers/media-probe';

describe('RTSP transport and camera answers', () => {
  let h: Harness;
  let gst: GstCamera;
  beforeAll(async () => {
    [h, gst] = await Promise.all([startHarness({ cameras: 1, health: { enabled: false, timeoutMs: 1500 } }), startUdpOnlyCamera()]);
  });
  afterAll(async () => {
    await Promise.all([h?.close(), gst?.close()]);
  });

  const register = async (path: string, extra: Record<string, unknown> = {}) => {
    const res = await h.api<CameraDto>(
      'POST',
      '/api/v1/cameras?test=false',
      { name: `UDP 摄像机 ${path}`, orgUnitId: '141130100', category: 3, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: gst.port, mainStreamUri: `RTSP://127.0.0.1:${gst.port}/${path}`, videoCodec: 'h264', ...extra },
      h.adminToken,
    );
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  const camera = async (id: string) => (await h.api<CameraDto>('GET', `/api/v1/cameras/${id}`, undefined, h.adminToken)).body;
  const stream = async (id: string) => (await h.api<{ items: PipelineStatus[] }>('GET', '/api/v1/streams', undefined, h.adminToken)).body.items.find((s) => s.cameraId === id);
  const sweep = () => h.api('POST', '/api/v1/health/sweep', undefined, h.adminToken);
  const alarmsOf = async (id: string): Promise<AlarmDto[]> => (await h.api<AlarmListResponse>('GET', `/api/v1/alarms?cameraId=${id}&limit=100`, undefined, h.adminToken)).body.items;
  const testStream = async (body: Record<string, unknown>) => (await h.api<StreamTestResult>('POST', '/api/v1/cameras/test-stream', body, h.adminToken)).body;

  it('the stream test tries UDP when the camera refuses TCP, and reports the real reason when the transport is fixed', async () => {
    expect(await testStream({ url: gst.url })).toMatchObject({ ok: true, codec: 'h264', width: 320, height: 240, transport: 'udp' });
    expect(await testStream({ url: gst.url, rtspTransport: 'tcp' })).toEqual({ ok: false, code: 'unsupported-transport', reason: 'camera refused the RTSP transport (461 Unsupported Transport)' });
  });

  it('auto: a UDP-only camera registered as RTSP:// without a user name plays over UDP; streams and the camera say so', async () => {
    const cam = await register('stream');
    expect(cam.mainStreamUri).toBe(`rtsp://127.0.0.1:${gst.port}/stream`);
    expect([cam.rtspTransport, cam.transportInUse]).toEqual(['auto', null]);
    const info = await waitForSegments(await h.liveUrl(cam.id, 'main'), 1);
    const video = await probeVideo(await downloadMedia(info, 1));
    expect(video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    expect(video.frames).toBeGreaterThan(0);
    expect(await stream(cam.id)).toMatchObject({ state: 'live', transport: 'udp', consecutiveFailures: 0 });
    expect(await camera(cam.id)).toMatchObject({ status: 'online', transportInUse: 'udp' });
  });

  it('the health check agrees with the pipeline: online over UDP for auto; offline (unsupported-transport) for TCP, without flapping', async () => {
    const auto = await register('c');
    const tcp = await register('b', { rtspTransport: 'tcp' });
    await sweep();
    expect(await camera(auto.id)).toMatchObject({ status: 'online', transportInUse: 'udp' });
    const offline = await camera(tcp.id);
    expect(offline).toMatchObject({ status: 'offline', statusReasonCode: 'unsupported-transport', transportInUse: null });
    // A viewing attempt fails for the same reason: no new transition, no new alarm; the next sweep says the same.
    await h.liveUrl(tcp.id, 'main').then((url) => fetch(url));
    await until(async () => (await stream(tcp.id))?.state === 'offline', 10_000, 'pipeline offline');
    expect(await stream(tcp.id)).toMatchObject({ reasonCode: 'unsupported-transport', transport: 'tcp' });
    await sweep();
    const after = await camera(tcp.id);
    expect(after).toMatchObject({ status: 'offline', statusReasonCode: 'unsupported-transport', statusSince: offline.statusSince });
    expect((await alarmsOf(tcp.id)).map((a) => a.type)).toEqual(['camera-offline']);
  });

  it('a camera that accepts the connection and never answers is "not responding (timed out after N s)", in the test and the health check', async () => {
    const silent = await startSilentCamera();
    try {
      // The harness gives ffprobe an I/O timeout of 3 s (streams.ioTimeoutSec).
      expect(await testStream({ url: silent.url })).toEqual({ ok: false, code: 'not-responding', reason: 'not responding (timed out after 3 s)' });
      const res = await h.api<CameraDto>('POST', '/api/v1/cameras?test=false', { name: '不应答摄像机', orgUnitId: '141130100', category: 3, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: silent.port, mainStreamUri: silent.url }, h.adminToken);
      expect(res.status).toBe(201);
      await sweep();
      expect(await camera(res.body.id)).toMatchObject({ status: 'offline', statusReasonCode: 'not-responding', statusReason: 'not responding (timed out after 1.5 s)' });
      await h.api('DELETE', `/api/v1/cameras/${res.body.id}`, undefined, h.adminToken);
    } finally {
      await silent.close();
    }
  });

  it('refuses user names that cannot log in and control characters in credentials, naming the field; nothing is written', async () => {
    const before = (await h.api<{ total: number }>('GET', '/api/v1/cameras', undefined, h.adminToken)).body.total;
    const base = { name: '坏用户名', orgUnitId: '141130100', category: 3, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: 554, mainStreamUri: 'rtsp://127.0.0.1:9/x' };
    for (const [extra, field] of [
      [{ username: 'ad:min' }, 'body.username'],
      [{ username: 'admin\r\nX-Injected: 1' }, 'body.username'],
      [{ username: 'admin', password: 'pw\nx' }, 'body.password'],
    ] as const) {
      const res = await h.api('POST', '/api/v1/cameras?test=false', { ...base, ...extra }, h.adminToken);
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.text).toContain(field);
    }
    const patch = await h.api('PATCH', `/api/v1/cameras/${h.cameraIds.get(1)}`, { username: 'a\tb' }, h.adminToken);
    expect(patch.status).toBe(400);
    expect(patch.text).toContain('body.username');
    expect((await h.api<{ total: number }>('GET', '/api/v1/cameras', undefined, h.adminToken)).body.total).toBe(before);
  });
});
