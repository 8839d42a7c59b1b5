/**
 * The PTZ pad on an enlarged tile in a real browser (Playwright + Debian Chromium, the built renderer served by an
 * in-process gateway): a simulated ONVIF PTZ camera (127.44.0.3) is put on the wall, enlarged, steered right by
 * holding the pad's right button, and a preset is saved from the presets panel. Needs renderer/dist.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourDistance, startFleet, type Fleet } from '../../scripts/sim/index';
import { ptzRegionColour } from '../../scripts/sim/ptz-state';
import { launchChromium } from '../helpers/browser';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';
import { until } from '../helpers/media-probe';
import { pngPixel } from '../helpers/png-pixel';
import { loginThroughForm } from '../helpers/console-login';
import { coveredControls } from './covered-controls';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');
const PTZ_INDEX = 3;

describe('PTZ controls on the console (Playwright)', () => {
  let h: Harness;
  let fleet: Fleet;
  let browser: Browser;
  let page: Page;
  let cameraId = '';

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 1, prewarm: false, rendererDir: RENDERER_DIST });
    fleet = await startFleet({ cameras: 3, port: 0, controlPort: null, baseOctets: [127, 44], onvif: { port: 0, discoveryPort: 0 } });
    const cam = fleet.cameras[PTZ_INDEX - 1]!;
    const res = await h.api<{ id: string }>(
      'POST',
      '/api/v1/cameras',
      { name: 'PTZ 路口球机', orgUnitId: '141130100', category: 1, sourceType: 'onvif', host: cam.host, rtspPort: cam.port, onvifPort: cam.onvifPort, mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl, username: cam.username, password: cam.password, videoCodec: 'h264' },
      h.adminToken,
    );
    expect(res.status, res.text).toBe(201);
    cameraId = res.body.id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(h.gw.url);
    await loginThroughForm(page, 'admin', ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid="wall"]');
  });

  afterAll(async () => {
    await browser?.close();
    await fleet?.close();
    await h?.close();
  });

  const centreColour = async () => {
    const box = (await page.locator('[data-testid="tile-0"] video').boundingBox())!;
    const png = await page.screenshot({ clip: { x: box.x + box.width / 2 - 5, y: box.y + box.height / 2 - 5, width: 10, height: 10 } });
    return pngPixel(png, 5, 5);
  };

  it('shows the pad on the enlarged PTZ tile; holding “right” pans the picture; a preset can be saved', async () => {
    await page.click('[data-testid="layout-4"]');
    await page.fill('[data-testid="camera-search"]', 'PTZ');
    await page.locator(`[data-testid="camera-tree"] [data-camera-id="${cameraId}"]`).click();
    await page.waitForSelector(`[data-testid="tile-0"][data-camera-id="${cameraId}"]`);
    await page.dblclick('[data-testid="tile-0"]');
    await page.waitForSelector('[data-testid="ptz-pad"]', { timeout: 15_000 });
    await page.waitForSelector('[data-testid="tile-0"][data-state="live"]', { timeout: 30_000 });
    await until(async () => colourDistance(await centreColour(), ptzRegionColour(PTZ_INDEX, { col: 1, row: 1 })) < 40, 20_000, 'home picture');

    const right = page.locator('[data-testid="ptz-right"]');
    await right.hover();
    await page.mouse.down();
    await page.waitForTimeout(2200);
    const head = fleet.ptz(PTZ_INDEX)!;
    expect(head.moving().panTilt).toBe(true);
    await page.mouse.up();
    await until(async () => !head.moving().panTilt, 3000, 'stop on release');
    expect(head.cell().col).toBe(2);
    await until(async () => colourDistance(await centreColour(), ptzRegionColour(PTZ_INDEX, { col: 2, row: 1 })) < 40, 30_000, 'picture of the right-hand region');

    await page.fill('[data-testid="ptz-preset-name"]', '东侧');
    await page.click('[data-testid="ptz-preset-save"]');
    await page.waitForSelector('[data-testid="ptz-preset-1"]');
    expect(await page.textContent('[data-testid="ptz-preset-1"]')).toBe('东侧');
    await page.screenshot({ path: resolve(tmpdir(), 'ptz-console.png') });
  });

  it('with an alarm shown, nothing covers the PTZ pad or the preset panel (1920×1080, 1366×768)', async () => {
    const source = await h.api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'e2e-ptz' }, h.adminToken);
    const raised = await fetch(`${h.gw.url}/api/v1/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': source.body.apiKey },
      body: JSON.stringify({ eventId: 'e2e-ptz-1', type: 'motion', severity: 'major', title: '云台遮挡检查', cameraId }),
    });
    expect(raised.status).toBe(201);
    await page.waitForSelector('[data-testid="alarm-popup"]');
    try {
      for (const size of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
        await page.setViewportSize(size);
        await page.waitForSelector('[data-testid="ptz-pad"]');
        expect(await coveredControls(page), `PTZ at ${size.width}×${size.height}`).toEqual([]);
      }
    } finally {
      await page.setViewportSize({ width: 1400, height: 850 });
    }
  });

  it('asks nothing about PTZ for an enlarged camera that is not ONVIF (no 409, no console error)', async () => {
    const ptzRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/ptz/')) ptzRequests.push(r.url());
    });
    const rtspId = [...h.cameraIds.values()][0]!;
    await page.keyboard.press('Escape'); // back to the grid
    await page.waitForSelector('[data-testid="ptz-layer"]', { state: 'detached' });
    await page.click('[data-testid="tile-1"]');
    await page.fill('[data-testid="camera-search"]', '测试点');
    await page.locator(`[data-testid="camera-tree"] [data-camera-id="${rtspId}"]`).click();
    await page.waitForSelector(`[data-testid="tile-1"][data-camera-id="${rtspId}"]`);
    await page.dblclick('[data-testid="tile-1"]');
    await page.waitForSelector('[data-testid="tile-1"][data-state="live"]', { timeout: 30_000 });
    expect(await page.$('[data-testid="ptz-layer"]')).toBeNull();
    expect(ptzRequests).toEqual([]);
  });
});
