// An HTTP/1.1 console (no TLS: Chromium's 6 connections per host) opening a 16-tile wall right after the gateway
// started: every tile must come up without hitting the player's connect timeout (which shows "reconnecting" and
// recreates the tile). Low-latency tiles hold two blocking requests each; beyond a budget, tiles play plain HLS.
// Times are in npm run bench:wall. Needs renderer/dist.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { openWall, tileStateLog } from '../helpers/console-wall-page';
import { startHarness, type Harness } from '../helpers/gateway-harness';

const RENDERER_DIST = process.env.RENDERER_DIST ?? resolve(import.meta.dirname, '../../renderer/dist');

describe('16-tile wall over HTTP/1.1 (Playwright + Debian Chromium)', () => {
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 16, rendererDir: RENDERER_DIST });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('all 16 tiles play, none ever showing reconnecting or offline on the way', async () => {
    const ids = h.fleet.cameras.map((c) => h.cameraIds.get(c.index)!);
    const page = await openWall(browser, { url: h.gw.url, sessionToken: h.adminToken, grid: 4, cameraIds: ids });
    expect(await page.evaluate('performance.getEntriesByType("navigation")[0].nextHopProtocol')).toBe('http/1.1');
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid^="tile-"][data-state="live"]').length === 16, undefined, { timeout: 40_000 })
      .catch(async (error: unknown) => {
        throw new Error(`not all tiles played: ${JSON.stringify(await tileStateLog(page))}`, { cause: error });
      });
    const log = await tileStateLog(page);
    const troubled = Object.entries(log).filter(([, states]) => states.some((s) => s === 'reconnecting' || s === 'offline'));
    expect(troubled).toEqual([]);
    await page.context().close();
  });
});
