// Which stream a console tile plays, and what it shows while a cold camera starts: the built renderer served by an
// in-process gateway (HTTP/1.1), two simulated cameras (main 1280×720, sub 640×360). Needs renderer/dist.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { openWall, tileStateLog } from '../helpers/console-wall-page';
import { startHarness, type Harness } from '../helpers/gateway-harness';

const RENDERER_DIST = process.env.RENDERER_DIST ?? resolve(import.meta.dirname, '../../renderer/dist');
const tile = (i: number) => `[data-testid="tile-${i}"]`;

/** The height of the picture the tile's <video> is really decoding, once it plays. */
async function playingHeight(page: Page, i: number, height: number): Promise<void> {
  const seen = () =>
    page.$eval(tile(i), (t) => ({ state: t.getAttribute('data-state'), profile: t.getAttribute('data-profile'), width: t.getBoundingClientRect().width, height: t.querySelector('video')?.videoHeight, reason: t.querySelector('.tile-reason')?.textContent }));
  await page.waitForFunction(
    ([sel, h]) => {
      const t = document.querySelector(sel as string);
      const v = t?.querySelector('video');
      return t?.getAttribute('data-state') === 'live' && v?.videoHeight === h;
    },
    [tile(i), height] as const,
    { timeout: 15_000 },
  ).catch(async (error: unknown) => {
    throw new Error(`tile ${i} did not play at ${height} lines: ${JSON.stringify(await seen())} ${JSON.stringify(await tileStateLog(page))}`, { cause: error });
  });
}

describe('console tile: stream choice and cold start (Playwright + Debian Chromium)', () => {
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 2, rendererDir: RENDERER_DIST });
    browser = await launchChromium();
  });

  const camera = (n: number) => h.cameraIds.get(h.fleet.cameras[n]!.index)!;

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a large single-split tile chooses the main stream by itself, and a cold start shows no error on the way', async () => {
    const page = await openWall(browser, { url: h.gw.url, sessionToken: h.adminToken, grid: 1, cameraIds: [camera(0)] });
    await playingHeight(page, 0, 720);
    expect(await page.getAttribute(tile(0), 'data-profile')).toBe('main');
    // The camera's pipeline was not running: the tile said "connecting" and then "live", never reconnecting/offline.
    const log = await tileStateLog(page);
    expect(log['tile-0']!.filter((s) => s !== 'empty')).toEqual(['connecting', 'live']);
    await page.context().close();
  });

  it('the right-click menu switches a small tile to the main stream and back to automatic (sub)', async () => {
    const ids = [camera(1), camera(0)];
    const page = await openWall(browser, { url: h.gw.url, sessionToken: h.adminToken, grid: 3, cameraIds: ids });
    await playingHeight(page, 0, 360);
    expect(await page.getAttribute(tile(0), 'data-profile')).toBe('sub');
    await page.click(tile(0), { button: 'right', position: { x: 40, y: 60 } });
    await page.click(`${tile(0)} [data-testid="tile-stream-main"]`);
    await playingHeight(page, 0, 720);
    expect(await page.getAttribute(tile(0), 'data-stream-choice')).toBe('main');
    expect(await page.getAttribute(tile(0), 'data-profile')).toBe('main');
    // The neighbour keeps its own (automatic) choice.
    await playingHeight(page, 1, 360);
    await page.click(tile(0), { button: 'right', position: { x: 40, y: 60 } });
    expect(await page.getAttribute(`${tile(0)} [data-testid="tile-stream-main"]`, 'aria-checked')).toBe('true');
    await page.click(`${tile(0)} [data-testid="tile-stream-auto"]`);
    await page.waitForSelector(`${tile(0)}[data-stream-choice="auto"][data-profile="sub"]`);
    await page.context().close();
  });
});
