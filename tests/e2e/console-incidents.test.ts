// From an alarm to a closed, counted incident in a real browser: the built renderer served by an in-process gateway,
// one simulated camera behind it. An alarm on camera X pops up → acknowledge → open incident (alarm pop-up) → the
// incident opens → analyse and dispatch to 康城镇 → a 康城镇 duty officer, in a second browser context, handles it
// with feedback → the operator sees that live and closes it → the statistics page counts it for 康城镇. The officer
// is signed in before the dispatch: their 待我处理 badge counts it and a notice says so, live. The 未查看点位 report
// shows its counts and exports them.
// Needs renderer/dist (npm test builds it first).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { loginThroughForm } from '../helpers/console-login';
import { coveredControls } from './covered-controls';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');
const KANGCHENG = '141130101';
const SHUITOU = '141130100';
const OPERATOR = { username: 'op.hall', password: 'Hall-Duty-Pw-4821!', displayName: '大厅值班员' };
const OFFICER = { username: 'kc.duty', password: 'Kangcheng-Pw-7305!', displayName: '康城镇值班员' };
const SHOTS = process.env.E2E_SCREENSHOT_DIR ?? tmpdir();

async function login(page: Page, url: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(url);
  await loginThroughForm(page, user.username, user.password);
  await page.waitForSelector('[data-testid="current-user"], [data-testid="logout"]');
}

async function statCell(page: Page, key: string, field: string): Promise<number> {
  const text = await page.locator(`[data-testid="statistics-row-${key}"] [data-field="${field}"]`).getAttribute('data-value');
  return Number(text);
}

describe('console incidents: alarm → incident → dispatch → handle → close → statistics (Playwright + Debian Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let opCtx: BrowserContext;
  let kcCtx: BrowserContext;
  let op: Page;
  let kc: Page;
  let cameraId: string;
  let incidentId = '';
  const baseline = { accepted: 0, handled: 0 };

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 1, rendererDir: RENDERER_DIST });
    cameraId = h.cameraIds.get(h.fleet.cameras[0]!.index)!;
    // Camera X stands in 康城镇, so the incident it leads to is placed (and counted) there.
    const moved = await h.api('PATCH', `/api/v1/cameras/${cameraId}`, { orgUnitId: KANGCHENG }, h.adminToken);
    expect(moved.status, moved.text).toBe(200);
    for (const [user, role, orgUnitId] of [
      [OPERATOR, 'county-operator', null],
      [OFFICER, 'township-officer', KANGCHENG],
    ] as const) {
      const res = await h.api('POST', '/api/v1/users', { ...user, role, orgUnitId }, h.adminToken);
      expect(res.status, res.text).toBe(201);
    }
    browser = await launchChromium();
    opCtx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    op = await opCtx.newPage();
    await login(op, h.gw.url, OPERATOR);
  });

  afterAll(async () => {
    await kcCtx?.close();
    await opCtx?.close();
    await browser?.close();
    await h?.close();
  });

  it('the statistics page shows 康城镇 before anything happened', async () => {
    await op.click('[data-testid="view-switch-statistics"]');
    await op.waitForSelector(`[data-testid="statistics-row-${KANGCHENG}"]`);
    baseline.accepted = await statCell(op, KANGCHENG, 'accepted');
    baseline.handled = await statCell(op, KANGCHENG, 'handled');
    expect(baseline.accepted).toBeGreaterThanOrEqual(0);
    await op.click('[data-testid="view-switch-wall"]');
  });

  it('an alarm on camera X pops up; acknowledge, open an incident: the incident opens', async () => {
    const source = await h.api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'e2e-grid' }, h.adminToken);
    expect(source.status, source.text).toBe(201);
    const raised = await fetch(`${h.gw.url}/api/v1/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': source.body.apiKey },
      body: JSON.stringify({ eventId: 'e2e-incident-1', type: 'motion', severity: 'major', cameraId, title: '康城镇路口移动侦测' }),
    });
    expect(raised.status).toBe(201);
    const { alarmId } = (await raised.json()) as { alarmId: string };

    const popup = op.locator(`[data-testid="alarm-popup"][data-alarm-id="${alarmId}"]`);
    await popup.waitFor({ timeout: 10_000 });
    expect(await popup.getAttribute('data-camera-id')).toBe(cameraId);
    await popup.locator('[data-testid="alarm-popup-video"]').waitFor();
    await popup.locator('[data-testid="alarm-ack"]').click();
    // Acknowledged, the alarm leaves the pop-up queue; the operator brings it back from the alarm list.
    await popup.waitFor({ state: 'detached' });
    await op.click('[data-testid="view-switch-alarms"]');
    await op.locator(`[data-testid="alarm-row-${alarmId}"][data-state="acknowledged"]`).click();
    await op.click('[data-testid="alarm-detail-popup"]');
    await popup.locator('[data-testid="alarm-open-incident"]').click();
    await popup.locator('[data-testid="alarm-incident-category"]').selectOption('public-security');
    await popup.locator('[data-testid="alarm-incident-confirm"]').click();

    const detail = op.locator('[data-testid="incident-detail"][data-state="accepted"]');
    await detail.waitFor({ timeout: 10_000 });
    incidentId = (await detail.getAttribute('data-incident-id'))!;
    expect(await detail.getAttribute('data-code')).toMatch(/^\d{4}-101-\d{5}$/);
    await op.locator(`[data-testid="incident-row-${incidentId}"][data-state="accepted"]`).waitFor();
    await op.locator(`[data-testid="incident-camera-wall-${cameraId}"]`).waitFor();
    await op.locator('[data-testid="incident-alarms"] [data-alarm-id="' + alarmId + '"]').waitFor();
    expect(await op.locator('[data-testid="incident-timeline-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['create']);
    // The state machine: nothing to close or hand back yet.
    expect(await op.locator('[data-testid="incident-action-close"]').isDisabled()).toBe(true);
    expect(await op.locator('[data-testid="incident-action-dispatch"]').isDisabled()).toBe(true);
  });

  it('a 康城镇 duty officer, signed in in a second browser, has nothing waiting yet', async () => {
    kcCtx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    kc = await kcCtx.newPage();
    await login(kc, h.gw.url, OFFICER);
    await kc.locator('[data-testid="todo-badge"][data-count="0"]').waitFor();
  });

  it('the operator analyses it and dispatches it to 康城镇 with a deadline', async () => {
    await op.click('[data-testid="incident-action-analyse"]');
    await op.fill('[data-testid="incident-action-note"]', '属实，需属地处置');
    await op.click('[data-testid="incident-action-confirm"]');
    await op.locator('[data-testid="incident-detail"][data-state="analysed"]').waitFor();

    await op.click('[data-testid="incident-action-dispatch"]');
    await op.selectOption('[data-testid="incident-dispatch-unit"]', KANGCHENG);
    const deadline = new Date(Date.now() + 2 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await op.fill('[data-testid="incident-dispatch-deadline"]', `${deadline.getFullYear()}-${pad(deadline.getMonth() + 1)}-${pad(deadline.getDate())}T18:00`);
    await op.fill('[data-testid="incident-action-note"]', '请康城镇两日内处置并反馈');
    await op.click('[data-testid="incident-action-confirm"]');
    await op.locator('[data-testid="incident-detail"][data-state="dispatched"]').waitFor();
    expect(await op.locator('[data-testid="incident-responsible"]').textContent()).toContain('康城镇');
  });

  it("the officer's 待我处理 badge and a notice show it live; the badge opens the list filtered to it", async () => {
    await kc.locator('[data-testid="todo-badge"][data-count="1"]').waitFor({ timeout: 10_000 });
    const notice = kc.locator(`[data-testid="todo-notice"][data-incident-id="${incidentId}"]`);
    await notice.waitFor();
    expect(await kc.locator('[data-testid="todo-notice"]').count()).toBe(1);
    expect(await notice.textContent()).toContain('新的待处理事件');
    // The notice lies in the page's flow: with it shown, no control is covered, on a small screen either.
    await kc.setViewportSize({ width: 1366, height: 768 });
    expect(await coveredControls(kc)).toEqual([]);
    await kc.screenshot({ path: join(SHOTS, 'console-incidents-todo.png') });
    await kc.setViewportSize({ width: 1600, height: 1000 });
    await notice.locator('[data-testid="todo-notice-dismiss"]').click();
    await notice.waitFor({ state: 'detached' });
    await kc.click('[data-testid="todo-badge"]');
    expect(await kc.locator('[data-testid="incident-filter-todo"]').isChecked()).toBe(true);
    await kc.locator(`[data-testid="incident-row-${incidentId}"][data-state="dispatched"]`).waitFor();
    expect(await kc.locator('[data-testid="incidents-list"]').getAttribute('data-total')).toBe('1');
  });

  it('a 康城镇 duty officer handles it with feedback', async () => {
    await kc.locator(`[data-testid="incident-row-${incidentId}"][data-state="dispatched"]`).click();
    await kc.locator(`[data-testid="incident-detail"][data-incident-id="${incidentId}"]`).waitFor();
    // A township officer neither analyses, dispatches nor closes.
    expect(await kc.locator('[data-testid="incident-action-close"]').count()).toBe(0);
    expect(await kc.locator('[data-testid="incident-action-dispatch"]').count()).toBe(0);
    await kc.click('[data-testid="incident-action-handle"]');
    await kc.click('[data-testid="incident-action-confirm"]'); // empty feedback is refused before sending
    await kc.locator('[data-testid="incident-action-form"] .form-error').waitFor();
    await kc.fill('[data-testid="incident-action-note"]', '已到场疏导，现场恢复正常');
    await kc.click('[data-testid="incident-action-confirm"]');
    await kc.locator('[data-testid="incident-detail"][data-state="handled"]').waitFor();
    // Fed back: it waits for the county now, not for the township.
    await kc.locator('[data-testid="todo-badge"][data-count="0"]').waitFor({ timeout: 10_000 });
    await kc.close();
  });

  it('the operator sees the feedback arrive live and closes the incident', async () => {
    // No reload: the incidents topic brings the change to the open detail and the list.
    await op.locator(`[data-testid="incident-row-${incidentId}"][data-state="handled"]`).waitFor({ timeout: 10_000 });
    await op.locator('[data-testid="incident-detail"][data-state="handled"]').waitFor({ timeout: 10_000 });
    expect(await op.locator('[data-testid="incident-feedback"]').textContent()).toContain('已到场疏导');
    await op.click('[data-testid="incident-action-close"]');
    await op.fill('[data-testid="incident-action-note"]', '处置完毕，办结');
    await op.click('[data-testid="incident-action-confirm"]');
    await op.locator('[data-testid="incident-detail"][data-state="closed"]').waitFor();
    const actions = await op.locator('[data-testid="incident-timeline-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['create', 'analyse', 'dispatch', 'handle', 'close']);
    // A step the state no longer allows is refused by the gateway with its message (409).
    const again = await op.evaluate(async (id) => {
      const r = await fetch(`/api/v1/incidents/${id}/close`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { status: r.status, body: (await r.json()) as { message: string } };
    }, incidentId);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('cannot close');
    expect(await op.locator('[data-testid="incident-action-visit"]').isEnabled()).toBe(true);
    await op.screenshot({ path: join(SHOTS, 'console-incidents-detail.png') });
  });

  it('the statistics page counts it: accepted and handled for 康城镇 up by one', async () => {
    await op.click('[data-testid="view-switch-statistics"]');
    const row = op.locator(`[data-testid="statistics-row-${KANGCHENG}"]`);
    await row.waitFor();
    await expect.poll(() => statCell(op, KANGCHENG, 'accepted'), { timeout: 10_000 }).toBe(baseline.accepted + 1);
    expect(await statCell(op, KANGCHENG, 'handled')).toBe(baseline.handled + 1);
    expect(await row.locator('[data-field="handlingRate"]').textContent()).toMatch(/%$/);
    const href = await op.locator('[data-testid="statistics-export"]').getAttribute('href');
    expect(href).toContain('format=csv');
    const csv = await op.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(csv).toContain(KANGCHENG);
    await op.screenshot({ path: join(SHOTS, 'console-incidents-statistics.png') });
    console.log(`screenshots in ${SHOTS}: console-incidents-detail.png, console-incidents-statistics.png`);
  });

  it('the 未查看点位 report shows its counts and exports them as CSV in Chinese', async () => {
    await op.click('[data-testid="view-switch-camera-views"]');
    const counts = op.locator('[data-testid="camera-views-counts"]');
    await counts.waitFor();
    // The same period and scope as the screen asked for, straight from the gateway.
    const params = new URLSearchParams((await op.locator('[data-testid="camera-views-export"]').getAttribute('href'))!.split('?')[1]);
    params.delete('format');
    params.delete('lang');
    const api = await h.api<{ total: number; unviewedCount: number }>('GET', `/api/v1/reports/camera-views?${params}`, undefined, h.adminToken);
    expect(api.status, api.text).toBe(200);
    expect(await counts.getAttribute('data-total')).toBe(String(api.body.total));
    expect(await counts.textContent()).toBe(`未查看 ${api.body.unviewedCount} / ${api.body.total}`);
    await op.click('[data-testid="camera-views-period-7d"]');
    await op.click('[data-testid="camera-views-unviewed-only"]');
    await op.locator(`[data-testid="camera-views-row"][data-camera-id="${cameraId}"]`).waitFor();
    await op.screenshot({ path: join(SHOTS, 'console-camera-views.png') });
    const href = (await op.locator('[data-testid="camera-views-export"]').getAttribute('href'))!;
    expect(href).toContain('format=csv');
    const csv = await op.evaluate(async (url) => {
      const r = await fetch(url);
      return { disposition: r.headers.get('content-disposition'), firstCode: new Uint8Array(await r.clone().arrayBuffer()).slice(0, 3).join(','), text: await r.text() };
    }, href);
    expect(csv.firstCode).toBe('239,187,191'); // UTF-8 BOM: Excel opens the Chinese correctly
    expect(csv.text).toContain('点位名称,乡镇,村,类别');
    expect(csv.disposition).toMatch(/filename="camera-views-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"/);
  });

  it('the create form saves a citizen report and says so only after the gateway answered', async () => {
    await op.click('[data-testid="view-switch-incidents"]');
    await op.click('[data-testid="incident-new"]');
    await op.click('[data-testid="incident-form-submit"]');
    await op.locator('[data-testid="incident-form-error-title"]').waitFor();
    expect(await op.locator('[data-testid="incident-saved"]').count()).toBe(0);
    await op.fill('[data-testid="incident-form-title"]', '村道垃圾堆放');
    await op.selectOption('[data-testid="incident-form-category"]', 'environment');
    await op.selectOption('[data-testid="incident-form-place"]', SHUITOU);
    await op.selectOption('[data-testid="incident-form-reporter-kind"]', 'citizen');
    await op.fill('[data-testid="incident-form-reporter-name"]', '李四');
    await op.fill('[data-testid="incident-form-reporter-phone"]', '0358-1234567');
    await op.click('[data-testid="incident-form-submit"]');
    const saved = op.locator('[data-testid="incident-saved"]');
    await saved.waitFor();
    const newId = (await saved.getAttribute('data-incident-id'))!;
    await op.locator(`[data-testid="incident-row-${newId}"][data-state="accepted"]`).waitFor();
    await op.click('[data-testid="incident-form-open"]');
    await op.locator(`[data-testid="incident-detail"][data-incident-id="${newId}"]`).waitFor();
  });
});
