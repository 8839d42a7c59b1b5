// The technicians' screens in a real browser: ONVIF discovery of simulated devices on 127.52.0.x (the integration
// discovery test uses 127.31/127.32, the discovery bench 127.41), registration through the form with a passing
// stream test, a CSV dry run with bad rows that writes nothing, and the health page with an offline camera after
// "check now". Needs renderer/dist (npm run build:renderer; npm test builds it first).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../scripts/sim/index';
import { launchChromium } from '../helpers/browser';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';
import { loginThroughForm } from '../helpers/console-login';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');
const ONVIF_BASE: [number, number] = [127, 52];
const SHOTS = process.env.E2E_SCREENSHOT_DIR ?? null;
const key = (uuid: string) => uuid.replace(/^urn:uuid:/, '');

describe('console devices and health (Playwright + Debian Chromium)', () => {
  let h: Harness;
  let onvif: Fleet;
  let browser: Browser;
  let page: Page;
  let tmp: string;

  const shot = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `console-devices-${name}.png`), fullPage: false });
  };
  const cameraCount = async () => (await h.api<{ total: number }>('GET', '/api/v1/cameras?limit=1', undefined, h.adminToken)).body.total;

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    tmp = mkdtempSync(join(tmpdir(), 'cvc-devices-'));
    // Two plain cameras (registered by the harness) for the health page; the stream test runs on create.
    h = await startHarness({ cameras: 2, rendererDir: RENDERER_DIST, cameraConfig: { testOnCreate: true } });
    onvif = await startFleet({ cameras: 3, port: 0, controlPort: null, prewarm: [1], baseOctets: ONVIF_BASE, onvif: { port: 0 } });
    await onvif.prewarmDone;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await onvif?.close();
    await h?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('logs in and opens the devices section', async () => {
    await page.goto(h.gw.url);
    await loginThroughForm(page, 'admin', ADMIN_PASSWORD);
    await page.click('[data-testid="view-switch-devices"]');
    await page.waitForSelector('[data-testid="devices-section"]');
  });

  it('scans the simulated range: devices appear with profiles, URIs and status', async () => {
    const [a, b, c] = onvif.cameras;
    await page.fill('[data-testid="discovery-ranges"]', `${ONVIF_BASE.join('.')}.0.1-${ONVIF_BASE.join('.')}.0.10`);
    // Camera 1 and 2 get their own credential (scoped to their address); camera 3 gets a wrong one.
    const creds = [
      { user: a!.username, pass: a!.password, hosts: a!.host },
      { user: b!.username, pass: b!.password, hosts: b!.host },
      { user: c!.username, pass: 'wrong-password', hosts: c!.host },
    ];
    for (const [i, cr] of creds.entries()) {
      if (i > 0) await page.click('[data-testid="discovery-credentials-add"]');
      await page.fill(`[data-testid="discovery-credentials-user-${i}"]`, cr.user);
      await page.fill(`[data-testid="discovery-credentials-pass-${i}"]`, cr.pass);
      await page.fill(`[data-testid="discovery-credentials-hosts-${i}"]`, cr.hosts);
    }
    await page.click('[data-testid="discovery-start"]');
    const progress = page.locator('[data-testid="discovery-progress"]');
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await progress.getAttribute('data-found')).toBe('3');
    const row = (i: number) => page.locator(`[data-testid="discovery-row-${key(onvif.cameras[i]!.uuid)}"]`);
    await expect.poll(() => row(0).getAttribute('data-status'), { timeout: 10_000 }).toBe('ok');
    expect(await row(1).getAttribute('data-status')).toBe('ok');
    expect(await row(2).getAttribute('data-status')).toBe('auth-required');
    expect(await row(0).textContent()).toContain(a!.mainUrl);
    expect(await row(0).textContent()).toContain('1280×720');
    await shot('discovery');
  });

  it('registers a discovered device through the form with a passing stream test; the device is flagged registered', async () => {
    const a = onvif.cameras[0]!;
    await page.click(`[data-testid="discovery-register-${key(a.uuid)}"]`);
    await page.waitForSelector('[data-testid="camera-form"]');
    expect(await page.inputValue('[data-testid="camera-form-main-uri"]')).toBe(a.mainUrl);
    expect(await page.inputValue('[data-testid="camera-form-source"]')).toBe('onvif');
    await page.fill('[data-testid="camera-form-name"]', '发现登记 一号');
    await page.selectOption('[data-testid="camera-form-org"]', '141130100');
    await page.selectOption('[data-testid="camera-form-category"]', '1');
    await page.fill('[data-testid="camera-form-lat"]', '36.9801');
    await page.fill('[data-testid="camera-form-lng"]', '111.1802');
    await page.fill('[data-testid="camera-form-direction"]', '45');
    await page.click('[data-testid="camera-form-test"]');
    const result = page.locator('[data-testid="camera-form-test-result"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-ok'), (await result.textContent()) ?? '').toBe('true');
    expect(await result.textContent()).toMatch(/H264 1280×720/);
    await shot('form');
    const before = await cameraCount();
    await page.click('[data-testid="camera-form-submit"]');
    // Back on the discovery tab; the device is now flagged as registered.
    await expect.poll(() => page.locator(`[data-testid="discovery-row-${key(a.uuid)}"]`).getAttribute('data-registered'), { timeout: 30_000 }).toBe('true');
    expect(await cameraCount()).toBe(before + 1);
    // The tree shows it once the console's inventory learns of it: the gateway announces cameras on the `cameras`
    // topic only when their status changes, so this is checked after "check now" in the health test below.
  });

  it('a failed stream test on submit shows the reasons and offers "save anyway"', async () => {
    await page.click('[data-testid="devices-tab-cameras"]');
    await page.click('[data-testid="camera-new"]');
    await page.fill('[data-testid="camera-form-name"]', '坏码流');
    await page.selectOption('[data-testid="camera-form-org"]', '141130100');
    await page.fill('[data-testid="camera-form-main-uri"]', `${onvif.cameras[1]!.mainUrl}`);
    await page.fill('[data-testid="camera-form-username"]', onvif.cameras[1]!.username);
    await page.fill('[data-testid="camera-form-password"]', 'wrong-password');
    // Position from the small map: a click sets latitude and longitude.
    await page.click('[data-testid="camera-form-pick"]');
    // data-ready: the picker listens for clicks from the commit that sets it.
    const map = page.locator('[data-testid="camera-form-map"][data-ready="true"]');
    await map.waitFor({ timeout: 15_000 });
    await map.click(); // the centre of the county
    await expect.poll(() => page.inputValue('[data-testid="camera-form-lat"]')).toMatch(/^3\d\.\d+$/);
    expect(await page.inputValue('[data-testid="camera-form-lng"]')).toMatch(/^1\d\d\.\d+$/);
    await page.fill('[data-testid="camera-form-direction"]', '120');
    await page.click('[data-testid="camera-form-submit"]');
    const error = page.locator('[data-testid="camera-form-error"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-kind')).toBe('stream');
    // The console words the gateway's reason code in its own language (zh-CN here).
    expect(await error.textContent()).toContain('认证失败');
    expect(await page.isVisible('[data-testid="camera-form-force"]')).toBe(true);
    await shot('stream-failed');
    await page.click('[data-testid="camera-form-cancel"]');
  });

  it('a CSV dry run with bad rows shows the per-row report and writes nothing', async () => {
    const cam = h.fleet.cameras[0]!;
    const file = join(tmp, 'import.csv');
    writeFileSync(
      file,
      [
        'name,township,village,category,host,port,username,password,rtsp_main,rtsp_sub,lat,lng,direction,gb28181_code',
        `导入 好行,水头镇,,3,,,admin,pw,rtsp://127.52.9.1:554/main,,,,,`,
        `导入 坏乡镇,不存在镇,,3,,,admin,pw,rtsp://127.52.9.2:554/main,,,,,`,
        `导入 坏地址,水头镇,,3,,,admin,pw,http://127.52.9.3/main,,,,,`,
        `导入 重复,水头镇,,3,,,admin,pw,${cam.mainUrl},,,,,`,
      ].join('\r\n'),
    );
    const before = await cameraCount();
    await page.click('[data-testid="devices-tab-import"]');
    await page.setInputFiles('[data-testid="csv-file"]', file);
    await page.click('[data-testid="csv-dry-run"]');
    const report = page.locator('[data-testid="csv-report"]');
    await report.waitFor({ timeout: 15_000 });
    expect(await report.getAttribute('data-rows')).toBe('4');
    expect(await report.getAttribute('data-valid')).toBe('1');
    // Codes from the gateway, words in the console's language (zh-CN here).
    expect(await page.getAttribute('[data-testid="csv-issue-3"] [data-code]', 'data-code')).toBe('township-unknown');
    expect(await page.textContent('[data-testid="csv-issue-3"]')).toContain('没有名为“不存在镇”的乡镇');
    expect(await page.getAttribute('[data-testid="csv-issue-4"] [data-field]', 'data-field')).toBe('rtsp_main');
    expect(await page.textContent('[data-testid="csv-issue-4"]')).toContain('主码流');
    expect(await page.getAttribute('[data-testid="csv-issue-5"] [data-code]', 'data-code')).toBe('duplicate-stream');
    expect(await page.isVisible('[data-testid="csv-row-2"]')).toBe(true);
    await shot('csv-report');
    expect(await cameraCount()).toBe(before);
  });

  it('the health page shows the townships and an offline camera after "check now"; the new camera is in the tree', async () => {
    const [first, second] = h.fleet.cameras;
    const offlineId = h.cameraIds.get(second!.index)!;
    await h.fleet.stop(second!.id);
    await page.click('[data-testid="view-switch-health"]');
    await page.waitForSelector('[data-testid="health-section"]');
    await page.waitForSelector('[data-testid="health-township-141130100"]');
    expect(await page.locator('[data-testid^="health-township-"]').count()).toBe(7);
    await page.click('[data-testid="health-sweep"]');
    const row = page.locator(`[data-testid="health-offline-row-${offlineId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain(second!.name);
    // Shuitou: the first harness camera and the discovered one online, the stopped one offline.
    await expect.poll(async () => Number(await page.getAttribute('[data-testid="health-township-141130100"]', 'data-online-rate')), { timeout: 10_000 }).toBeCloseTo(2 / 3, 3);
    expect(await page.getAttribute('[data-testid="health-last-sweep"]', 'data-at')).not.toBe('');
    expect(await page.locator('[data-testid="health-availability-141130100"]').count()).toBe(1);
    expect(await page.getAttribute('[data-testid="health-export-availability"]', 'href')).toBe('/api/v1/health/availability?days=1&format=csv');
    await shot('health');
    expect(first).toBeDefined();
    // The sweep announced the discovered camera's status: the console's inventory now has it, so the tree shows it.
    await page.click('[data-testid="view-switch-devices"]');
    await page.fill('[data-testid="camera-search"]', '发现登记');
    await page.locator('[data-testid="camera-tree"] li[data-camera-id]', { hasText: '发现登记 一号' }).waitFor({ timeout: 15_000 });
    await page.fill('[data-testid="camera-search"]', '');
    await page.click('[data-testid="view-switch-health"]');
    // Activate the row → the camera goes on the wall. (The keyboard, because the offline alarm's pop-up may cover the row.)
    await row.press('Enter');
    await page.waitForSelector(`[data-testid="wall"] [data-camera-id="${offlineId}"]`, { timeout: 10_000 });
  });

  it('the camera list filters and sorts on the gateway; the offline camera shows its status history with the reason in words', async () => {
    const offlineId = h.cameraIds.get(h.fleet.cameras[1]!.index)!;
    const total = await cameraCount();
    await page.click('[data-testid="view-switch-devices"]');
    await page.click('[data-testid="devices-tab-cameras"]');
    const count = page.locator('[data-testid="camera-list-total"]');
    await expect.poll(() => count.textContent()).toBe(`共 ${total} 台`);
    await page.selectOption('[data-testid="camera-filter-status"]', 'offline');
    await expect.poll(() => count.textContent()).toBe('共 1 台');
    expect(await page.locator('[data-testid^="camera-list-row-"]').count()).toBe(1);
    await page.selectOption('[data-testid="camera-filter-status"]', '');
    await page.click('[data-testid="camera-sort-status"]');
    // Offline first: what needs fixing is on top.
    await expect.poll(() => page.locator('[data-testid^="camera-list-row-"]').first().getAttribute('data-testid')).toBe(`camera-list-row-${offlineId}`);
    expect(await page.textContent('[data-testid="camera-list"] tbody')).toMatch(/[一三]类点/);
    await shot('camera-list');
    await page.click(`[data-testid="camera-edit-${offlineId}"]`);
    const history = page.locator('[data-testid="camera-history-events"] tbody tr');
    await history.first().waitFor({ timeout: 10_000 });
    expect(await history.first().textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*离线[\u4e00-\u9fff]/);
    expect(await page.locator('[data-testid="camera-history-bar"] .seg-offline').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="camera-history-uptime"]')).toMatch(/^在线率 /);
    await shot('camera-history');
  });
});
