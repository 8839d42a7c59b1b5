import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { startGstCamera, type GstCamera } from '../helpers/gst-camera';
import { playerPage } from './hls-page';

/** An H.265 camera (GStreamer, not our simulator) in a Chromium without HEVC: the transcode path plays. */
describe('H.265 camera in headless Chromium (no HEVC decoder): capped H.264 transcode plays', () => {
  let h: Harness;
  let cam: GstCamera;
  let browser: Browser;
  let cameraId = '';
  beforeAll(async () => {
    cam = await startGstCamera({ size: '960x540', fps: 15, kbps: 800 });
    h = await startHarness({ cameras: 1, prewarm: false });
    const res = await h.api<{ id: string }>(
      'POST',
      '/api/v1/cameras',
      { name: 'H.265 browser', orgUnitId: '141130100', category: 1, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: cam.port, mainStreamUri: cam.h265Urls[0], subStreamUri: cam.h265Urls[0], videoCodec: 'h265' },
      h.adminToken,
    );
    expect(res.status, res.text).toBe(201);
    cameraId = res.body.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await cam?.close();
  });

  it('asks for the compatible stream (no hvc1 in MSE) and plays it at ≤ 640x360', async () => {
    const url = await h.liveUrl(cameraId);
    const page = await playerPage(browser, h.gw.url, url);
    // What codec-support.ts asks: this Chromium says no, so the console requests video=compatible (the default).
    expect(await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L120.90"'))).toBe(false);
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement).currentTime > 1, undefined, { timeout: 12_000 });
    const size = await page.evaluate(() => {
      const v = document.getElementById('v') as HTMLVideoElement;
      return { w: v.videoWidth, h: v.videoHeight };
    });
    expect(size).toEqual({ w: 640, h: 360 });
    const { items } = (await h.api<{ items: Array<{ cameraId: string; video: string; encoder: string | null; codec: string | null }> }>('GET', '/api/v1/streams', undefined, h.adminToken)).body;
    expect(items.find((s) => s.cameraId === cameraId)).toMatchObject({ video: 'transcode', encoder: 'libx264', codec: expect.stringMatching(/^avc1\./) });
    await page.close();
  });
});
