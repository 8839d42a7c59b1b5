import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourDistance } from '../../scripts/sim/index';
import { launchChromium } from '../helpers/browser';
import { playerPage } from './hls-page';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { pngPixel } from '../helpers/png-pixel';

describe('browser playback (Playwright + Debian Chromium + hls.js)', () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHarness({ cameras: 2 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('plays the sub stream: currentTime advances and the picture is the camera colour', async () => {
    const cam = h.fleet.cameras[1]!;
    const url = await h.liveUrl(h.cameraIds.get(cam.index)!);
    const page = await playerPage(browser, h.gw.url, url);
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement).currentTime > 1, undefined, { timeout: 20_000 });
    const t1 = await page.evaluate(() => (document.getElementById('v') as HTMLVideoElement).currentTime);
    await page.waitForTimeout(1500);
    const t2 = await page.evaluate(() => (document.getElementById('v') as HTMLVideoElement).currentTime);
    expect(t2 - t1).toBeGreaterThan(0.8);
    const size = await page.evaluate(() => {
      const v = document.getElementById('v') as HTMLVideoElement;
      return { w: v.videoWidth, h: v.videoHeight };
    });
    expect(size).toEqual({ w: 640, h: 360 });
    // A real screenshot pixel from the middle of the tile (the simulator keeps the centre a solid colour).
    const png = await page.screenshot({ clip: { x: 310, y: 170, width: 20, height: 20 } });
    const px = pngPixel(png, 10, 10);
    expect(colourDistance(px, cam.colour)).toBeLessThan(40);
    expect(colourDistance(px, h.fleet.cameras[0]!.colour)).toBeGreaterThan(40);
    // Latency: the live edge the player sits at is within a few seconds of the gateway's newest part.
    const latency = await page.evaluate(() => {
      const v = document.getElementById('v') as HTMLVideoElement;
      return v.buffered.length ? v.buffered.end(v.buffered.length - 1) - v.currentTime : null;
    });
    expect(latency).not.toBeNull();
    expect(latency!).toBeLessThan(4);
    await page.close();
  });
});
