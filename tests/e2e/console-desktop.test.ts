// 大屏设置 in a real browser: the built console, Debian Chromium and a real gateway. With a fake `window.desktop`
// injected before the page loads (what the shell's preload exposes), assigning a wall to display 2 reaches the shell
// as one wall:set-config with exactly that assignment, and assigning a layout to display 3 also lands on the gateway
// wall display-3 (what that display's wall window follows). Without it (a plain browser) the screen explains what
// needs the desktop app and raises no error.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { loginThroughForm } from '../helpers/console-login';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');

type Calls = Array<[string, unknown]>;

/**
 * Runs in the page before the console: a self-contained stand-in for the preload's `window.desktop`, on pages
 * loaded with `?fake-desktop` only, so one signed-in page serves both the browser and the shell case.
 */
function installFakeDesktop(): void {
  if (!location.search.includes('fake-desktop')) return;
  const calls: Array<[string, unknown]> = [];
  const displays = [0, 1920, 3840].map((x, i) => ({
    key: `${x},0,1920x1080`,
    number: i + 1,
    label: `Monitor ${i + 1}`,
    bounds: { x, y: 0, width: 1920, height: 1080 },
    scaleFactor: 1,
    primary: i === 0,
    operator: i === 0,
  }));
  let config: { assignments: Array<{ displayKey: string; layoutId: string }>; openOnStart: boolean } = { assignments: [], openOnStart: false };
  let alarmKey: string | null = null;
  const status = () => ({ active: false, open: [], skipped: [] });
  const alarm = () => ({ placement: { displayKey: alarmKey }, open: false, displayNumber: null, fallback: null });
  const rec = <T,>(channel: string, payload: unknown, value: T) => {
    calls.push([channel, payload]);
    return Promise.resolve(JSON.parse(JSON.stringify(value)) as T);
  };
  (window as unknown as { __desktopCalls: typeof calls }).__desktopCalls = calls;
  (window as unknown as { desktop: unknown }).desktop = Object.freeze({
    shell: 'electron',
    app: { version: () => rec('app:version', undefined, { name: 'console', version: '0.1.0', electron: '41', chrome: '140', platform: 'linux' }) },
    settings: { get: () => rec('settings:get', undefined, { gatewayUrl: location.origin, certificateFingerprint: null, wall: config, alarmWindow: { displayKey: alarmKey } }), setGateway: () => Promise.reject(new Error('failed: not here')) },
    setup: { submitGateway: () => Promise.reject(new Error('forbidden: sender not allowed for setup:submit-gateway')) },
    displays: { list: () => rec('displays:list', undefined, displays), identify: () => rec('displays:identify', undefined, { shown: 3 }) },
    wall: {
      getConfig: () => rec('wall:get-config', undefined, config),
      setConfig: (next: typeof config) => ((config = JSON.parse(JSON.stringify(next)) as typeof config), rec('wall:set-config', next, status())),
      status: () => rec('wall:status', undefined, status()),
      open: () => rec('wall:open', undefined, status()),
      close: () => rec('wall:close', undefined, status()),
    },
    notify: { show: (n: unknown) => rec('notify:show', n, { shown: true }) },
    alarmWindow: {
      get: () => rec('alarm-window:get', undefined, alarm()),
      set: (p: { displayKey: string | null }) => ((alarmKey = p.displayKey), rec('alarm-window:set', p, alarm())),
      raise: () => rec('alarm-window:raise', undefined, { raised: false }),
    },
  });
}

describe('大屏设置 (Playwright + Debian Chromium, fake desktop shell)', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let layoutId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 1, prewarm: false, rendererDir: RENDERER_DIST });
    browser = await launchChromium();
    const wall = await h.api('PUT', '/api/v1/walls/hall-1', { name: '指挥大厅', layoutId: null }, h.adminToken);
    expect(wall.status).toBe(200);
    const cells = [0, 1, 2, 3].map((i) => ({ x: i % 2, y: Math.floor(i / 2), w: 1, h: 1, cameraId: null }));
    const layout = await h.api<{ id: string }>('POST', '/api/v1/layouts', { name: '城区四画面', cols: 2, rows: 2, cells, visibility: 'everyone' }, h.adminToken);
    expect(layout.status).toBe(201);
    layoutId = layout.body.id;
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    await context.addInitScript(installFakeDesktop);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('in a plain browser: explains what needs the desktop app, calls nothing, no error', async () => {
    await page.goto(h.gw.url);
    await loginThroughForm(page, 'admin', ADMIN_PASSWORD);
    await page.click('[data-testid="view-switch-displays"]');
    const note = page.locator('[data-testid="desktop-required"]');
    await note.waitFor();
    expect(await note.innerText()).toContain('大屏设置需要在桌面客户端中使用');
    expect(await page.locator('[data-testid="display-list"]').count()).toBe(0);
    expect(await page.evaluate(() => 'desktop' in window)).toBe(false);
    // The desktop alarm window's route: the same console, opened on 告警.
    await page.goto(`${h.gw.url}/#/alarm-window`);
    await page.waitForSelector('[data-testid="view-switch-alarms"][aria-pressed="true"]');
    expect(errors).toEqual([]);
  });

  it('in the shell: lists the displays, assigns a wall to display 2 and a layout to display 3 through the shell', async () => {
    await page.goto(`${h.gw.url}/?fake-desktop`); // same session: the console opens signed in
    await page.click('[data-testid="view-switch-displays"]');
    const row2 = page.locator('[data-testid="display-row-2"]');
    await row2.waitFor();
    expect(await row2.getAttribute('data-display-key')).toBe('1920,0,1920x1080');
    await page.locator('[data-testid="display-assign-2"] option[value="wall:hall-1"]').waitFor({ state: 'attached' });
    await page.selectOption('[data-testid="display-assign-2"]', 'wall:hall-1');
    const calls = () => page.evaluate(() => (window as unknown as { __desktopCalls: Calls }).__desktopCalls.filter(([c]) => c === 'wall:set-config'));
    await expect.poll(calls).toEqual([['wall:set-config', { assignments: [{ displayKey: '1920,0,1920x1080', layoutId: 'hall-1' }], openOnStart: false }]]);
    await expect.poll(() => page.locator('[data-testid="display-assign-2"]').inputValue()).toBe('wall:hall-1');

    await page.selectOption('[data-testid="display-assign-3"]', `layout:${layoutId}`);
    await expect.poll(async () => (await calls()).length).toBe(2);
    expect((await calls())[1]![1]).toEqual({
      assignments: [
        { displayKey: '1920,0,1920x1080', layoutId: 'hall-1' },
        { displayKey: '3840,0,1920x1080', layoutId },
      ],
      openOnStart: false,
    });
    // The wall window on display 3 follows gateway wall display-3: the assignment was pushed there too.
    await expect.poll(async () => (await h.api<{ wall: { layoutId: string | null } }>('GET', '/api/v1/walls/display-3/state', undefined, h.adminToken)).body.wall?.layoutId).toBe(layoutId);
    expect(errors).toEqual([]);
  });
});
