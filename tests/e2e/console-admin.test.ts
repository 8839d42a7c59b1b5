// The administration section in a real browser: users (create with role + scope, disable, reset password), the
// forced password change at the next login, the audit search and its CSV export; other roles do not see the section;
// alarm sources (API keys): created with the key shown once, key replaced, disabled, deleted; a technician's quiet
// alarm count instead of the pop-up (issue 13).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';
import { loginThroughForm } from '../helpers/console-login';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');

async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await loginThroughForm(page, username, password);
}

describe('console administration (Playwright + Debian Chromium)', () => {
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
    h = await startHarness({ cameras: 1, prewarm: false, rendererDir: RENDERER_DIST });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('an admin creates a township officer, disables and re-enables it, resets its password; the audit shows it all and exports CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 }, acceptDownloads: true });
    await signIn(page, h.gw.url, 'admin', ADMIN_PASSWORD);
    await page.click('[data-testid="view-switch-admin"]');
    await page.waitForSelector('[data-testid="admin-section"] [data-testid="admin-users"]');
    await page.waitForSelector('[data-testid="admin-user-admin"]');

    await page.click('[data-testid="admin-user-new"]');
    const form = page.locator('[data-testid="admin-user-form"]');
    await form.locator('input[name="username"]').fill('zhang-duty');
    await form.locator('input[name="displayName"]').fill('张值班');
    await form.locator('input[name="password"]').fill('Temp-pass-2024!');
    await form.locator('select[name="role"]').selectOption('township-officer');
    await form.locator('select[name="orgUnitId"]').selectOption('141130101');
    await form.locator('[data-testid="admin-user-save"]').click();
    const row = page.locator('[data-testid="admin-user-zhang-duty"]');
    await row.waitFor();
    expect(await row.getAttribute('data-role')).toBe('township-officer');
    const created = h.gw.repos.users.findByUsername('zhang-duty')!;
    expect(created).toMatchObject({ role: 'township-officer', orgUnitId: '141130101', mustChangePassword: true });

    await row.locator('button[data-action="disable"]').click();
    await page.waitForSelector('[data-testid="admin-user-zhang-duty"][data-disabled="true"]');
    await row.locator('button[data-action="enable"]').click();
    await page.waitForSelector('[data-testid="admin-user-zhang-duty"][data-disabled="false"]');
    page.once('dialog', (d) => void d.accept('Reset-pass-2024!'));
    await row.locator('button[data-action="reset"]').click();
    await expect.poll(async () => (await h.api('POST', '/api/v1/session', { username: 'zhang-duty', password: 'Reset-pass-2024!' })).status).toBe(200);

    await page.click('[data-testid="admin-tab-audit"]');
    await page.waitForSelector('[data-testid="admin-audit"] [data-testid="admin-audit-row"]');
    await page.fill('[data-testid="admin-audit"] input[name="user"]', 'admin');
    await page.fill('[data-testid="admin-audit"] input[name="action"]', 'user.*');
    await page.click('[data-testid="admin-audit-search"]');
    await expect
      .poll(async () => (await page.locator('[data-testid="admin-audit-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).sort())
      .toEqual(['user.create', 'user.disable', 'user.enable', 'user.password-reset']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="admin-audit-export"]')]);
    const csv = await download.createReadStream().then(async (s) => {
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    expect(csv).toContain('user.password-reset');
    expect(csv).not.toContain('session.login'); // the export follows the filter
    await page.close();
  });

  it('the reset user must change the password first, then sees the console without the admin section', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, h.gw.url, 'zhang-duty', 'Reset-pass-2024!');
    await page.waitForSelector('[data-testid="password-change-form"]');
    await page.fill('input[name="currentPassword"]', 'Reset-pass-2024!');
    await page.fill('input[name="newPassword"]', 'Zhang-own-2024!');
    await page.fill('input[name="repeatPassword"]', 'Zhang-own-2024!');
    await page.click('[data-testid="password-change-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="view-switch-wall"]');
    expect(await page.$('[data-testid="view-switch-admin"]')).toBeNull();
    expect(h.gw.repos.users.findByUsername('zhang-duty')!.mustChangePassword).toBe(false);
    await page.close();
  });
  it('an admin manages alarm sources: the key is shown once, replaced, disabled and deleted; the webhook follows', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await signIn(page, h.gw.url, 'admin', ADMIN_PASSWORD);
    await page.click('[data-testid="view-switch-admin"]');
    await page.click('[data-testid="admin-tab-sources"]');
    await page.waitForSelector('[data-testid="admin-sources"] [data-testid="alarm-source-builtin-camera-health"]');
    let seq = 0;
    const hook = async (key: string) =>
      (await fetch(`${h.gw.url}/api/v1/alarms`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ eventId: `src-${++seq}`, type: 'grid-report', severity: 'minor', title: 'e2e', orgUnitId: '141130101' }) })).status;
    const shownKey = async () => {
      const key = await page.locator('[data-testid="alarm-source-key-value"]').inputValue();
      await page.click('[data-testid="alarm-source-key-done"]');
      await page.locator('[data-testid="alarm-source-key"]').waitFor({ state: 'detached' });
      return key;
    };

    await page.click('[data-testid="alarm-source-new"]');
    await page.fill('[data-testid="alarm-source-form"] input[name="name"]', 'grid-app');
    await page.click('[data-testid="alarm-source-create"]');
    const first = await shownKey();
    expect(first).toMatch(/^cvgak_/);
    const row = page.locator('[data-testid="alarm-source-grid-app"]');
    expect(await row.locator('[data-testid="alarm-source-prefix"]').textContent()).toBe(`${first.slice(0, 12)}…`);
    expect(await page.content()).not.toContain(first.slice(12)); // once closed, the key is nowhere on the page
    expect(await hook(first)).toBe(201);

    page.once('dialog', (d) => void d.accept());
    await row.locator('button[data-action="rotate"]').click();
    const second = await shownKey();
    expect(second).not.toBe(first);
    expect([await hook(first), await hook(second)]).toEqual([401, 201]);

    await row.locator('button[data-action="disable"]').click();
    await page.waitForSelector('[data-testid="alarm-source-grid-app"][data-enabled="false"]');
    expect(await hook(second)).toBe(401);
    await row.locator('button[data-action="enable"]').click();
    await page.waitForSelector('[data-testid="alarm-source-grid-app"][data-enabled="true"]');

    page.once('dialog', (d) => void d.accept());
    await row.locator('button[data-action="delete"]').click();
    await row.waitFor({ state: 'detached' });
    expect(await hook(second)).toBe(401);
    const audit = await h.api<{ items: Array<{ action: string; details: unknown }> }>('GET', '/api/v1/audit?action=alarm-source.*&limit=20', undefined, h.adminToken);
    expect(audit.body.items.map((r) => r.action).sort()).toEqual(['alarm-source.create', 'alarm-source.disable', 'alarm-source.enable', 'alarm-source.revoke', 'alarm-source.rotate']);
    expect(audit.text).not.toContain(first.slice(12));
    expect(audit.text).not.toContain(second.slice(12));
    await page.close();
  });
  it('a technician, who may not act on alarms, gets no pop-up but a quiet count in the top bar', async () => {
    const created = await h.api('POST', '/api/v1/users', { username: 'li-tech', displayName: '李技术', password: 'Tech-pass-2024!', role: 'technician', orgUnitId: null, mustChangePassword: false }, h.adminToken);
    expect(created.status, created.text).toBe(201);
    const source = await h.api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'quiet-grid' }, h.adminToken);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, h.gw.url, 'li-tech', 'Tech-pass-2024!');
    const count = page.locator('[data-testid="alarm-quiet-count"]');
    // Earlier tests raised alarms: the count is the gateway's waiting (new) alarms.
    const waiting = async () => (await h.api<{ total: number }>('GET', '/api/v1/alarms?state=new&limit=1', undefined, h.adminToken)).body.total;
    const before = await waiting();
    await expect.poll(() => count.getAttribute('data-count')).toBe(String(before));
    const res = await fetch(`${h.gw.url}/api/v1/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': source.body.apiKey },
      body: JSON.stringify({ eventId: 'quiet-1', type: 'grid-report', severity: 'critical', title: 'e2e', orgUnitId: '141130101' }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => count.getAttribute('data-count')).toBe(String(before + 1));
    expect(await page.locator('[data-testid="alarm-dock"]').count()).toBe(0);
    // The count opens the alarm list, read-only for this role.
    await count.click();
    await page.waitForSelector('[data-testid="alarms-list"] [data-testid^="alarm-row-"]');
    expect(await page.locator('[data-testid="alarm-ack"]').count()).toBe(0);
    await page.close();
  });
});
