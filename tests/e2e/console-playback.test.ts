// 回放 in a real browser (issue 14): the built renderer served by an in-process gateway, one simulated camera given a
// continuous plan by API. Once a few seconds are recorded, an operator opens 回放, picks the camera in the tree, sees
// the recorded range filled on the day timeline, clicks it, and the video plays the recording (its time advances)
// with a wall-clock label inside the recorded range. Then 导出片段 on the tile: 2 s with a reason → the SHA-256 shown is
// the gateway's, and the downloaded file hashes to it. Last, an alarm on the camera: the pop-up's 录像片段 tab plays the
// alarm's clip (its pre-event seconds, while the post-event ones are still recording) at a time inside the clip.
// Needs renderer/dist (npm test builds it first).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { loginThroughForm } from '../helpers/console-login';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until } from '../helpers/media-probe';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');
const SHOTS = process.env.E2E_SCREENSHOT_DIR ?? tmpdir();
const OPERATOR = { username: 'op.playback', password: 'Playback-Duty-Pw-6215!', displayName: '回放值班员' };

interface Ranges {
  ranges: Array<{ start: string; end: string }>;
}

describe('console playback: timeline of a recorded camera, click, the recording plays (Playwright + Debian Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let cam = '';
  const since = new Date(Date.now() - 3600_000).toISOString();
  const recorded = async () =>
    (await h.api<Ranges>('GET', `/api/v1/cameras/${cam}/recordings?profile=sub&from=${since}&to=${new Date(Date.now() + 60_000).toISOString()}`, undefined, h.adminToken)).body.ranges;

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 1, rendererDir: RENDERER_DIST });
    cam = h.cameraIds.get(h.fleet.cameras[0]!.index)!;
    const plan = await h.api('PUT', `/api/v1/cameras/${cam}/recording-plan`, { mode: 'continuous', profile: 'sub' }, h.adminToken);
    expect(plan.status, plan.text).toBe(200);
    const user = await h.api('POST', '/api/v1/users', { ...OPERATOR, role: 'county-operator', orgUnitId: null }, h.adminToken);
    expect(user.status, user.text).toBe(201);
    // The browser starts and signs in while the camera records.
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
    await page.goto(h.gw.url);
    await loginThroughForm(page, OPERATOR.username, OPERATOR.password);
    await page.waitForSelector('[data-testid="view-switch-playback"]');
    await until(async () => {
      const first = (await recorded())[0];
      return first && Date.parse(first.end) - Date.parse(first.start) >= 4000 ? first : null;
    }, 30_000, 'a recorded range of 4 s', 250);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the timeline shows the recorded range; a click on it plays the recording at a time inside it', async () => {
    await page.click('[data-testid="view-switch-playback"]');
    const name = (await h.api<{ name: string }>('GET', `/api/v1/cameras/${cam}`, undefined, h.adminToken)).body.name;
    await page.fill('[data-testid="playback-section"] [data-testid="camera-search"]', name);
    await page.click(`[data-testid="playback-section"] [data-camera-id="${cam}"] .tree-row`, { timeout: 5000 });
    const range = page.locator(`[data-testid="playback-timeline-${cam}"] [data-testid="playback-range"]`).first();
    await range.waitFor();
    const box = (await range.boundingBox())!;
    expect(box.width).toBeGreaterThan(0);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    // The video plays: its position advances.
    const video = page.locator(`[data-testid="playback-video-${cam}"]`);
    const position = () => video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await page.waitForFunction((id) => {
      const v = document.querySelector<HTMLVideoElement>(`[data-testid="playback-video-${id}"]`);
      return !!v && !v.paused && v.readyState >= 3;
    }, cam, { timeout: 8000 });
    const p0 = await position();
    await page.waitForFunction(([id, from]) => (document.querySelector<HTMLVideoElement>(`[data-testid="playback-video-${id}"]`)?.currentTime ?? 0) > (from as number) + 0.5, [cam, p0] as const, { timeout: 5000 });

    // The label is the wall-clock time of the picture, inside what was recorded.
    const label = page.locator(`[data-testid="playback-time-${cam}"]`);
    const wallMs = Number(await label.getAttribute('data-wall-ms'));
    const ranges = await recorded();
    expect(ranges.some((r) => wallMs >= Date.parse(r.start) - 1000 && wallMs <= Date.parse(r.end) + 1000), `${new Date(wallMs).toISOString()} in ${JSON.stringify(ranges)}`).toBe(true);
    expect(await label.textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await page.locator(`[data-testid="playback-camera-${cam}"]`).getAttribute('data-state')).toBe('ready');
    await page.screenshot({ path: join(SHOTS, 'console-playback.png') });
  });

  it('exports 2 s of the tile with a reason: the SHA-256 shown is the gateway’s, and the downloaded file hashes to it', async () => {
    const first = (await recorded())[0]!;
    const from = Date.parse(first.start) + 1000;
    const pad = (n: number) => String(n).padStart(2, '0');
    // The form shows and reads local time in the console's language (zh-CN: 2026-12-08 09:30:15).
    const local = (ms: number) => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    };
    await page.click(`[data-testid="playback-export-${cam}"]`);
    const form = page.locator(`[data-testid="playback-export-form-${cam}"]`);
    await form.locator('[data-testid="export-from"]').fill(local(from));
    await form.locator('[data-testid="export-to"]').fill(local(from + 2000));
    await form.locator('[data-testid="export-reason"]').fill('浏览器测试取证');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/v1/cameras/${cam}/exports`) && r.request().method() === 'POST'), form.locator('[data-testid="export-submit"]').click()]);
    expect(response.status()).toBe(201);
    const made = (await response.json()) as { sha256: string; bytes: number };
    expect(await form.locator('[data-testid="export-sha256"]').textContent({ timeout: 5000 })).toBe(made.sha256);
    expect(made.sha256).toMatch(/^[0-9a-f]{64}$/);

    const [download] = await Promise.all([page.waitForEvent('download'), form.locator('[data-testid="export-download"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^export-.+\.mp4$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.length).toBe(made.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(made.sha256);
  });

  it('an alarm on the camera: the pop-up’s 录像片段 tab plays the alarm’s clip, 录制中… while its post seconds record', async () => {
    const source = await h.api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'e2e-clip' }, h.adminToken);
    expect(source.status, source.text).toBe(201);
    const res = await fetch(`${h.gw.url}/api/v1/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': source.body.apiKey },
      body: JSON.stringify({ eventId: 'e2e-clip-1', type: 'motion', severity: 'major', title: '回放测试告警', cameraId: cam }),
    });
    const { alarmId } = (await res.json()) as { alarmId: string };
    expect(res.status).toBe(201);
    const popup = page.locator(`[data-testid="alarm-popup"][data-alarm-id="${alarmId}"]`);
    await popup.locator('[data-testid="alarm-clip-tab"]').click({ timeout: 8000 });
    await page.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="alarm-clip-player"] video');
      return !!v && !v.paused && v.readyState >= 3 && v.currentTime > 0.5;
    }, undefined, { timeout: 8000 });
    const clip = (await h.api<{ start: string; end: string; state: string }>('GET', `/api/v1/alarms/${alarmId}/clip`, undefined, h.adminToken)).body;
    expect(clip.state).toBe('recording');
    expect(await popup.locator('[data-testid="alarm-clip-state"]').textContent()).toBe('录制中…');
    const wallMs = Number(await popup.locator('[data-testid="alarm-clip-time"]').getAttribute('data-wall-ms'));
    expect(wallMs).toBeGreaterThanOrEqual(Date.parse(clip.start) - 1000);
    expect(wallMs).toBeLessThanOrEqual(Date.parse(clip.end));
    await page.screenshot({ path: join(SHOTS, 'console-playback-alarm-clip.png') });
  });
});
