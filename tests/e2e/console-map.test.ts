// The console's Map view in a real browser: the built renderer served by an in-process gateway with the demo org
// tree and simulated cameras. Needs renderer/dist (npm run build:renderer; npm test builds it first).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';
import { loginThroughForm } from '../helpers/console-login';
import { waitForSettled } from './leaflet-wait';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');
// Around the Shuitou Town seat (org unit 141130100, where the harness registers its cameras): ~300–500 m apart.
const PLACES = [
  { lat: 36.9835, lng: 111.1775, direction: 0 },
  { lat: 36.9835, lng: 111.1835, direction: 90 },
  { lat: 36.9795, lng: 111.1775, direction: 180 },
  { lat: 36.9795, lng: 111.1835, direction: 270 },
];

async function currentTime(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (v) => (v as HTMLVideoElement).currentTime);
}

describe('console map (Playwright + Debian Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let ids: string[];

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 4, rendererDir: RENDERER_DIST });
    ids = [...h.cameraIds.values()];
    for (const [i, id] of ids.entries()) {
      const res = await h.api('PATCH', `/api/v1/cameras/${id}`, PLACES[i], h.adminToken);
      expect(res.status, res.text).toBe(200);
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('logs in through the form and shows the map with markers and the demo label', async () => {
    await page.goto(h.gw.url);
    await loginThroughForm(page, 'admin', ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid="view-switch-map"]');
    await page.click('[data-testid="view-switch-map"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="map"]')?.getAttribute('data-markers') ?? 0) >= 4, undefined, { timeout: 20_000 });
    expect(await page.isVisible('[data-testid="map-demo-label"]')).toBe(true);
    expect(await page.textContent('[data-testid="map-demo-label"]')).toBe('示范数据');
    expect(await page.locator('.map-place-name', { hasText: '水头镇' }).count()).toBeGreaterThan(0);
    // A technician tool: admin has camera.write.
    expect(await page.isVisible('[data-testid="map-adjust-positions"]')).toBe(true);
  });

  it('clicking a marker opens a live preview whose video advances', async () => {
    // Zoomed out to the county the four cameras form one cluster; a click on it zooms in until they separate.
    const marker = `.map-camera[data-camera-id="${ids[0]}"]`;
    if (!(await page.isVisible(marker))) await page.click('.map-cluster');
    await waitForSettled(page, marker);
    await page.click(marker);
    const preview = `[data-testid="map-preview"][data-camera-id="${ids[0]}"]`;
    await page.waitForSelector(preview, { timeout: 10_000 });
    const video = `${preview} video`;
    await page.waitForFunction((sel) => ((document.querySelector(sel) as HTMLVideoElement | null)?.currentTime ?? 0) > 0.5, video, { timeout: 30_000 });
    const t1 = await currentTime(page, video);
    await page.waitForTimeout(1500);
    expect((await currentTime(page, video)) - t1).toBeGreaterThan(0.8);
    // Close the popup: the player is unmounted with it.
    await page.click(`${preview} button[aria-label="关闭预览"]`);
    await page.waitForSelector('[data-testid="map-preview"]', { state: 'detached' });
  });

  it('selecting a camera in the tree pans to it and opens its preview', async () => {
    await page.fill('[data-testid="camera-search"]', 'SIM-0003');
    await page.click(`[data-testid="camera-tree"] li[data-camera-id="${ids[2]}"] button`);
    const preview = `[data-testid="map-preview"][data-camera-id="${ids[2]}"]`;
    await page.waitForSelector(preview, { timeout: 10_000 });
    await page.fill('[data-testid="camera-search"]', '');
    await page.click(`${preview} button[aria-label="关闭预览"]`);
    await page.waitForSelector('[data-testid="map-preview"]', { state: 'detached' });
  });

  it('draws view-direction wedges when zoomed in', async () => {
    expect(await page.locator('.leaflet-camera-wedges-pane path').count()).toBeGreaterThanOrEqual(4);
  });

  it('box-selects the cameras and sends them to the wall', async () => {
    const boxes = [];
    for (const id of ids) {
      await waitForSettled(page, `.map-camera[data-camera-id="${id}"]`);
      const box = await page.locator(`.map-camera[data-camera-id="${id}"]`).boundingBox();
      expect(box, `marker ${id}`).not.toBeNull();
      boxes.push(box!);
    }
    const x0 = Math.min(...boxes.map((b) => b.x)) - 40;
    const y0 = Math.min(...boxes.map((b) => b.y)) - 40;
    const x1 = Math.max(...boxes.map((b) => b.x + b.width)) + 40;
    const y1 = Math.max(...boxes.map((b) => b.y + b.height)) + 40;
    await page.click('[data-testid="map-select-box"]');
    await page.waitForSelector('[data-testid="map"][data-select-mode="box"]');
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 5 });
    await page.mouse.move(x1, y1, { steps: 5 });
    await page.mouse.up();
    const send = page.locator('[data-testid="map-send-to-wall"]');
    await expect.poll(() => send.getAttribute('data-count')).toBe('4');
    expect(await page.locator('.map-camera.selected').count()).toBe(4);
    await send.click();
    await page.waitForSelector('[data-testid="wall"]');
    const onWall = await page.$$eval('[data-testid^="tile-"]', (tiles) => tiles.map((t) => t.getAttribute('data-camera-id')).filter((id) => !!id));
    expect([...onWall].sort()).toEqual([...ids].sort());
  });

  it('switches the map labels to English with the language switch', async () => {
    await page.click('[data-testid="view-switch-map"]');
    await page.waitForSelector('[data-testid="map-demo-label"]');
    await page.click('.topbar button:has-text("EN")');
    await expect.poll(() => page.textContent('[data-testid="map-demo-label"]')).toBe('Demo data');
    expect(await page.textContent('[data-testid="map-select-box"]')).toContain('Box select');
    expect(await page.textContent('[data-testid="map-send-to-wall"]')).toContain('Send to wall');
    expect(await page.textContent('[data-testid="view-switch-map"]')).toBe('Map');
    await expect.poll(() => page.locator('.map-place-name', { hasText: 'Shuitou Town' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.map-place-name', { hasText: '水头镇' }).count()).toBe(0);
  });

  /** Clicks 调整位置 and waits for what the user sees: the button pressed and the map in adjust mode. */
  async function enterAdjustMode(cameraId: string) {
    const marker = `.map-camera[data-camera-id="${cameraId}"]`;
    if (!(await page.isVisible(marker))) await page.click('.map-cluster');
    await waitForSettled(page, marker);
    // Idempotent, so a test that failed while in adjust mode does not turn it off for the next one.
    if ((await page.getAttribute('[data-testid="map"]', 'data-adjusting')) !== 'true') await page.click('[data-testid="map-adjust-positions"]');
    // The map says adjust mode in the same commit that makes its markers draggable.
    await page.waitForSelector('[data-testid="map"][data-adjusting="true"]');
    await page.waitForSelector(`${marker}.leaflet-marker-draggable`);
    const box = (await page.locator(marker).boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  it('lets a technician-capable user drag a marker, confirm, and saves the new position', async () => {
    const { x: cx, y: cy } = await enterAdjustMode(ids[3]!);
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 30, cy + 20, { steps: 5 });
    await page.mouse.move(cx + 60, cy + 40, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid="map-move-confirm"]');
    await page.click('[data-testid="map-move-save"]');
    await page.waitForSelector('[data-testid="map-move-confirm"]', { state: 'detached' });
    const saved = await h.api<{ lat: number; lng: number }>('GET', `/api/v1/cameras/${ids[3]}`, undefined, h.adminToken);
    expect(saved.body.lat).toBeLessThan(PLACES[3]!.lat);
    expect(saved.body.lng).toBeGreaterThan(PLACES[3]!.lng);
    expect(await page.getAttribute('[data-testid="map"]', 'data-markers')).toBe('4');
    await page.click('[data-testid="map-adjust-positions"]');
    await page.waitForSelector('[data-testid="map"][data-adjusting="false"]');
  });

  it('keeps a press and a drag in progress when the camera changes meanwhile (a push re-styles its marker after the drop)', async () => {
    const id = ids[1]!;
    const treeItem = `[data-testid="camera-tree"] li[data-camera-id="${id}"]`;
    // The tree, filtered on the coming names, shows when a rename has reached the console.
    await page.fill('[data-testid="camera-search"]', '改名');
    const { x: cx, y: cy } = await enterAdjustMode(id);
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    // Another technician renames the camera while this one holds its marker, first before the hand moves (the drag
    // has not started yet), then during the drag. The console hears each on the cameras topic and reloads the
    // inventory; re-styling the marker then used to replace its icon and drag handler and drop the press or the drag.
    let res = await h.api('PATCH', `/api/v1/cameras/${id}`, { name: '改名-按住' }, h.adminToken);
    expect(res.status, res.text).toBe(200);
    await page.waitForSelector(treeItem, { timeout: 15_000 });
    await page.mouse.move(cx + 30, cy - 20, { steps: 5 });
    res = await h.api('PATCH', `/api/v1/cameras/${id}`, { name: '改名-拖动中' }, h.adminToken);
    expect(res.status, res.text).toBe(200);
    await page.waitForSelector(`${treeItem}:has-text("改名-拖动中")`, { timeout: 15_000 });
    await page.mouse.move(cx + 60, cy - 40, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid="map-move-confirm"]', { timeout: 5_000 });
    // The deferred re-style happened at the drop: the marker carries the new name.
    await expect.poll(() => page.getAttribute(`.map-camera[data-camera-id="${id}"]`, 'title')).toContain('改名-拖动中');
    await page.click('[data-testid="map-move-save"]');
    await page.waitForSelector('[data-testid="map-move-confirm"]', { state: 'detached' });
    const saved = await h.api<{ lat: number; lng: number; name: string }>('GET', `/api/v1/cameras/${id}`, undefined, h.adminToken);
    expect(saved.body.name).toBe('改名-拖动中');
    expect(saved.body.lat).toBeGreaterThan(PLACES[1]!.lat);
    expect(saved.body.lng).toBeGreaterThan(PLACES[1]!.lng);
    await page.fill('[data-testid="camera-search"]', '');
  });
  it('the search box flies to a camera and opens its preview', async () => {
    await page.fill('[data-testid="map-search"]', 'sim-0003');
    await page.click(`[data-testid="map-search-hit"][data-camera-id="${ids[2]}"]`);
    const preview = `[data-testid="map-preview"][data-camera-id="${ids[2]}"]`;
    await page.waitForSelector(preview, { timeout: 10_000 });
    expect(await page.inputValue('[data-testid="map-search"]')).toBe('');
    await page.locator(preview).getByRole('button', { name: /关闭预览|Close preview/ }).click();
    await page.waitForSelector('[data-testid="map-preview"]', { state: 'detached' });
  });

  it('at county zoom a township name stays on top of a cluster at its point; the layer control offers the layers', async () => {
    await page.click('.map-fit');
    // A township name that is not Shuitou's, where the harness cameras are.
    const label = page.locator('[data-testid="map-township-label"]').last();
    const at = { lat: Number(await label.getAttribute('data-lat')), lng: Number(await label.getAttribute('data-lng')) };
    // Two cameras at the name's point: at county zoom they cluster there, the name's plate over the cluster's lower half.
    for (const id of [ids[0]!, ids[1]!]) {
      const res = await h.api('PATCH', `/api/v1/cameras/${id}`, at, h.adminToken);
      expect(res.status, res.text).toBe(200);
    }
    const hit = await page.waitForFunction(
      () => {
        if (document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')) return null;
        const labels = [...document.querySelectorAll('[data-testid="map-township-label"]')];
        const label = labels[labels.length - 1]!;
        const name = label.querySelector<HTMLElement>('.map-place-name')!;
        const l = name.getBoundingClientRect();
        // The middle of where the name and a cluster overlap: both are there, one is painted on top.
        for (const cluster of document.querySelectorAll('.map-cluster')) {
          const c = cluster.getBoundingClientRect();
          const x0 = Math.max(l.left, c.left);
          const x1 = Math.min(l.right, c.right);
          const y0 = Math.max(l.top, c.top);
          const y1 = Math.min(l.bottom, c.bottom);
          if (x1 - x0 < 2 || y1 - y0 < 2) continue;
          const x = (x0 + x1) / 2;
          const y = (y0 + y1) / 2;
          // Names let clicks through to the cluster (pointer-events: none), which hit-testing skips: make this one
          // hit-testable for the reading, so elementFromPoint answers with whatever is painted on top.
          name.style.pointerEvents = 'auto';
          const top = document.elementFromPoint(x, y);
          name.style.pointerEvents = '';
          return { onTop: top?.closest('[data-testid="map-township-label"]') === label, under: top?.className ?? null, text: name.textContent };
        }
        return null;
      },
      undefined,
      { timeout: 15_000, polling: 'raf' },
    );
    const result = (await hit.jsonValue())!;
    expect(result.onTop, `the name "${result.text}" is under ${result.under}`).toBe(true);
    const overlays = await page.locator('[data-testid="map-layers"] .leaflet-control-layers-overlays label').allTextContents();
    expect(overlays.length).toBeGreaterThanOrEqual(6); // three camera categories, township areas, place names, alarms
    expect(await page.locator('[data-testid="map-layers"] .leaflet-control-layers-base label').count()).toBeGreaterThanOrEqual(2);
  });
});
