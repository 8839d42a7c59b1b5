// The operator console's wall in a real browser: the built renderer served by an in-process gateway, the
// simulated fleet behind it. Needs renderer/dist (npm test builds it first).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourDistance } from '../../scripts/sim/index';
import { launchChromium } from '../helpers/browser';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';
import { pngPixel } from '../helpers/png-pixel';
import { loginThroughForm } from '../helpers/console-login';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');
const tile = (i: number) => `[data-testid="tile-${i}"]`;

async function tileColour(page: Page, i: number) {
  const box = (await page.locator(`${tile(i)} video`).boundingBox())!;
  const png = await page.screenshot({ clip: { x: box.x + box.width / 2 - 5, y: box.y + box.height / 2 - 5, width: 10, height: 10 } });
  return pngPixel(png, 5, 5);
}

async function advancing(page: Page, i: number): Promise<boolean> {
  const t = () => page.$eval(`${tile(i)} video`, (v) => (v as HTMLVideoElement).currentTime);
  const t1 = await t();
  await page.waitForTimeout(1500);
  return (await t()) - t1 > 0.3;
}

describe('console wall (Playwright + Debian Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 16, rendererDir: RENDERER_DIST, streams: { backoffMaxMs: 2000 } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(h.gw.url);
    await loginThroughForm(page, 'admin', ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid="wall"]');
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('drag camera X from the tree to tile 3 of a 9-tile layout: it plays, in X’s colour', async () => {
    await page.click('[data-testid="layout-9"]');
    await page.waitForSelector('[data-testid="wall"][data-grid="9"]');
    const cam = h.fleet.cameras[4]!;
    const id = h.cameraIds.get(cam.index)!;
    await page.fill('[data-testid="camera-search"]', cam.name);
    const row = page.locator(`[data-testid="camera-tree"] [data-camera-id="${id}"]`);
    await row.waitFor();
    await row.dragTo(page.locator(tile(2)));
    await page.waitForSelector(`${tile(2)}[data-camera-id="${id}"][data-state="live"]`, { timeout: 20_000 });
    expect(await advancing(page, 2)).toBe(true);
    const px = await tileColour(page, 2);
    expect(colourDistance(px, cam.colour)).toBeLessThan(40);
    await page.fill('[data-testid="camera-search"]', '');
  });

  it('a 16-tile layout with 16 cameras: all 16 play', async () => {
    await page.click('[data-testid="layout-16"]');
    await page.waitForSelector('[data-testid="wall"][data-grid="16"]');
    // Clicking a camera in the tree puts it on the first empty tile.
    for (const cam of h.fleet.cameras) {
      const id = h.cameraIds.get(cam.index)!;
      if (await page.$(`[data-testid^="tile-"][data-camera-id="${id}"]`)) continue;
      await page.fill('[data-testid="camera-search"]', cam.name);
      const row = page.locator(`[data-testid="camera-tree"] [data-camera-id="${id}"]`);
      await row.click();
      await page.waitForSelector(`[data-testid^="tile-"][data-camera-id="${id}"]`);
    }
    await page.fill('[data-testid="camera-search"]', '');
    // Start all 16 at once, as an operator opening a saved wall does. The time goal (10 s) is measured by
    // npm run bench:wall; here the outcome is what counts: every tile plays.
    await page.reload();
    const started = Date.now();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="tile-"]')].filter((t) => t.getAttribute('data-state') === 'live').length === 16, undefined, { timeout: 60_000 });
    console.log(`16 tiles live ${Date.now() - started} ms after reload`);
    // All tiles sampled over the same 1.5 s: one after another would take 24 s of the test's budget.
    const times = () => page.$$eval('[data-testid^="tile-"] video', (vs) => vs.map((v) => (v as HTMLVideoElement).currentTime));
    const t1 = await times();
    await page.waitForTimeout(1500);
    const t2 = await times();
    expect(t2).toHaveLength(16);
    for (let i = 0; i < 16; i++) expect(t2[i]! - t1[i]!, `tile ${i} advances`).toBeGreaterThan(0.3);
  });

  it('camera X stopped in the simulator: its tile says offline within 15 s, and plays again by itself', async () => {
    const cam = h.fleet.cameras[5]!;
    const id = h.cameraIds.get(cam.index)!;
    const selector = `[data-testid^="tile-"][data-camera-id="${id}"]`;
    await page.waitForSelector(`${selector}[data-state="live"]`);
    await h.fleet.stop(cam.index);
    const t0 = Date.now();
    await page.waitForSelector(`${selector}[data-state="offline"]`, { timeout: 15_000 });
    expect(Date.now() - t0).toBeLessThan(15_000);
    await h.fleet.start(cam.index);
    await page.waitForSelector(`${selector}[data-state="live"]`, { timeout: 30_000 });
  });

  it('a camera that refuses the credentials: the tile says retries stopped, and its retry button plays it once fixed', async () => {
    const cam = h.fleet.cameras[6]!;
    const id = h.cameraIds.get(cam.index)!;
    const selector = `[data-testid^="tile-"][data-camera-id="${id}"]`;
    await page.waitForSelector(`${selector}[data-state="live"]`);
    // The running session is not asked again for credentials: drop it, so the reconnect meets the broken auth.
    h.fleet.breakAuth(cam.index);
    await h.fleet.stop(cam.index);
    await h.fleet.start(cam.index);
    const retry = page.locator(`${selector} [data-testid="tile-retry"]`);
    await retry.waitFor({ timeout: 20_000 });
    expect(await page.getAttribute(selector, 'data-state')).toBe('offline');
    expect(['认证失败，已停止重试', 'Authentication failed — retries stopped']).toContain((await page.textContent(`${selector} .tile-reason`))?.trim());
    h.fleet.fixAuth(cam.index);
    await retry.click();
    await page.waitForSelector(`${selector}[data-state="live"]`, { timeout: 30_000 });
    expect(await page.$(`${selector} [data-testid="tile-retry"]`)).toBeNull();
  });

  it('the layout survives a reload', async () => {
    const before = await page.$$eval('[data-testid^="tile-"]', (tiles) => tiles.map((t) => t.getAttribute('data-camera-id')));
    await page.reload();
    await page.waitForSelector('[data-testid="wall"][data-grid="16"]');
    const after = await page.$$eval('[data-testid^="tile-"]', (tiles) => tiles.map((t) => t.getAttribute('data-camera-id')));
    expect(after).toEqual(before);
  });

  it('a saved 4×4 switched to four tiles and pushed to a wall: the saved layout stays 4×4, the wall shows the four', async () => {
    const tileCameras = () => page.$$eval('[data-testid^="tile-"]', (tiles) => tiles.filter((t) => /^tile-\d+$/.test(t.getAttribute('data-testid')!)).map((t) => t.getAttribute('data-camera-id')));
    await page.click('[data-testid="layouts-menu"]');
    await page.click('[data-testid="layout-save-as"]');
    await page.fill('[data-testid="layout-name-input"]', '四乘四');
    await page.click('[data-testid="layout-name-confirm"]');
    const savedRow = () => h.gw.db.prepare("SELECT * FROM layouts WHERE name = '四乘四'").all() as Array<{ cols: number; cells: string }>;
    await expect.poll(() => savedRow().length).toBe(1);
    const before = JSON.stringify(savedRow());
    expect(savedRow()[0]!.cols).toBe(4);
    await page.keyboard.press('Escape');
    await page.click('[data-testid="layout-4"]');
    await page.waitForSelector('[data-testid="wall"][data-grid="4"]');
    const onScreen = await tileCameras();
    await page.click('[data-testid="push-to-wall"]');
    await page.fill('[data-testid="wall-id-input"]', 'hall-main');
    await page.click('[data-testid="wall-add"]');
    await page.click('[data-testid="wall-item-hall-main"]');
    await page.click('[data-testid="push-layout"]');
    const pushed = () => h.gw.repos.walls.get('hall-main');
    await expect.poll(() => Boolean(pushed()?.cells ?? pushed()?.layoutId)).toBe(true);
    expect(JSON.stringify(savedRow())).toBe(before);
    expect(pushed()!.cells!.cells).toHaveLength(4);
    expect(onScreen).toHaveLength(4);
    // This page becomes the wall display (the last test of the file): it loads the wall's stored state.
    await page.goto(`${h.gw.url}/#/wall?wall=hall-main`);
    await page.waitForSelector('[data-testid="wall-mode"][data-status="ready"] [data-testid="wall"][data-grid="4"]');
    expect(await tileCameras()).toEqual(onScreen);
  });
});
