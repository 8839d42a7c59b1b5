// Camera audio in the console (Playwright + Debian Chromium): tiles of cameras with G.711 audio play without an
// error, decode audio (MSE got the AAC track) and start muted; the speaker toggle on the selected tile unmutes it,
// and unmuting another tile mutes the first; the camera detail names the audio. Cameras come from GStreamer's RTSP
// server (tests/helpers/gst-rtsp-av.py).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { loginThroughForm } from '../helpers/console-login';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';
import { gstAvAvailable, startGstAvServer, type GstAvPath, type GstAvServer } from '../helpers/gst-rtsp-av';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');
const tile = (i: number) => `[data-testid="tile-${i}"]`;
const available = gstAvAvailable();
const title = available ? 'console audio (Chromium, GStreamer RTSP cameras)' : 'console audio (SKIPPED: GStreamer RTSP server not installed)';

interface VideoFacts {
  muted: boolean;
  audioBytes: number;
  time: number;
  error: boolean;
}

const videoFacts = (page: Page, i: number): Promise<VideoFacts> =>
  page.$eval(`${tile(i)} video`, (v) => {
    const video = v as HTMLVideoElement & { webkitAudioDecodedByteCount?: number };
    return { muted: video.muted, audioBytes: video.webkitAudioDecodedByteCount ?? -1, time: video.currentTime, error: video.error !== null };
  });

describe.skipIf(!available)(title, () => {
  let h: Harness;
  let gst: GstAvServer;
  let browser: Browser;
  let page: Page;
  let pcmaId = '';

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    [gst, h, browser] = await Promise.all([startGstAvServer(), startHarness({ cameras: 1, rendererDir: RENDERER_DIST, cameraConfig: { testOnCreate: true } }), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(h.gw.url);
    await loginThroughForm(page, 'admin', ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid="wall"]');
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await gst?.close();
  });

  async function placeCamera(path: GstAvPath): Promise<string> {
    const name = `音频点 ${path}`;
    const body = { name, orgUnitId: '141130100', category: 3, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: gst.port, mainStreamUri: gst.url(path), videoCodec: 'h264' };
    const res = await h.api<{ id: string }>('POST', '/api/v1/cameras', body, h.adminToken);
    expect(res.status).toBe(201);
    const id = res.body.id;
    await page.fill('[data-testid="camera-search"]', name);
    const row = page.locator(`[data-testid="camera-tree"] [data-camera-id="${id}"]`);
    await row.click(); // onto the first empty tile
    await page.fill('[data-testid="camera-search"]', '');
    return id;
  }

  it('plays G.711 cameras muted; the toggle on the selected tile unmutes one tile at a time', async () => {
    const a = (pcmaId = await placeCamera('pcma'));
    const b = await placeCamera('pcmu');
    await page.waitForSelector(`${tile(0)}[data-camera-id="${a}"][data-state="live"]`, { timeout: 20_000 });
    await page.waitForSelector(`${tile(1)}[data-camera-id="${b}"][data-state="live"]`, { timeout: 20_000 });
    // Audio is decoded (the AAC track reached MSE) while the tile stays muted, and the picture moves.
    await page.waitForFunction((sel) => ((document.querySelector(sel) as { webkitAudioDecodedByteCount?: number } | null)?.webkitAudioDecodedByteCount ?? 0) > 0, `${tile(0)} video`, {
      timeout: 10_000,
    });
    const before = await videoFacts(page, 0);
    expect(before).toMatchObject({ muted: true, error: false });
    expect(await page.locator(`${tile(0)} [data-testid="tile-audio"]`).count()).toBe(0); // only on the focused tile

    await page.click(tile(0));
    await page.click(`${tile(0)} [data-testid="tile-audio"][data-audible="false"]`);
    await page.waitForSelector(`${tile(0)} [data-testid="tile-audio"][data-audible="true"]`);
    expect((await videoFacts(page, 0)).muted).toBe(false);

    await page.click(tile(1));
    await page.click(`${tile(1)} [data-testid="tile-audio"]`);
    await page.waitForSelector(`${tile(1)} [data-testid="tile-audio"][data-audible="true"]`);
    const [first, second] = [await videoFacts(page, 0), await videoFacts(page, 1)];
    expect([first.muted, second.muted]).toEqual([true, false]);
    expect(first.time).toBeGreaterThan(before.time);
    expect(await page.getAttribute(tile(0), 'data-state')).toBe('live');
  });

  it('the camera detail names the audio the stream test found (zh-CN first)', async () => {
    await page.click('[data-testid="view-switch-devices"]');
    await page.click('[data-testid="devices-tab-cameras"]');
    await page.click(`[data-testid="camera-edit-${pcmaId}"]`);
    await expect.poll(() => page.textContent('[data-testid="camera-audio"]')).toBe('音频：G.711 A 律（转为 AAC 播放）');
  });
});
