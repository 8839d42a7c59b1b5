/**
 * The desktop shell end to end: a real gateway (HTTPS with its generated self-signed certificate), the built shell
 * (electron/dist) started by Playwright's `_electron`, and the operator window checked from inside the page:
 * `window.desktop` is there, Node is not, IPC answers and refuses by sender scope, navigation away is blocked,
 * and the gateway's certificate was pinned on first use. Skipped where the Electron binary is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../contracts/src/desktop-api';
import { fingerprintOfPem } from '../../electron/src/main/certificate-pinning';
import { loginThroughForm } from '../helpers/console-login';
import { LogCapture } from '../helpers/log-capture';
import { electronBinaryPath, ROOT } from './electron-binary';
import { ensureDisplay, type VirtualDisplay } from './virtual-display';

const electronBinary = electronBinaryPath();
const electronBinaryPresent = electronBinary !== null;
const TITLE = electronBinaryPresent
  ? 'Electron shell: operator window against a real gateway'
  : 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD) — skipped';

type Gateway = { url: string; close(): Promise<void> };
const ADMIN_PASSWORD = 'shell-e2e-pw-Q4!x';
// The console pages (大屏设置, wall and alarm windows) need the built renderer; the IPC checks do not.
const rendererBuilt = existsSync(join(ROOT, 'renderer/dist/index.html'));
type PageGlobals = { desktop?: DesktopApi; location: { href: string }; open(url: string): unknown };

describe.skipIf(!electronBinaryPresent)(TITLE, () => {
  let gateway: Gateway;
  let gatewayDataDir: string;
  let userDataDir: string;
  let display: VirtualDisplay;
  let app: ElectronApplication;
  let page: Page;
  const shellOutput: string[] = [];

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'electron/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron build failed:\n${build.stderr}`);

    gatewayDataDir = mkdtempSync(join(tmpdir(), 'shell-e2e-gw-'));
    userDataDir = mkdtempSync(join(tmpdir(), 'shell-e2e-user-'));
    const { loadConfig } = await import('../../media-gateway/src/config/load-config');
    const { startGateway } = await import('../../media-gateway/src/gateway');
    const rendererDir = join(ROOT, 'renderer/dist');
    const config = loadConfig({
      env: {},
      overrides: { dataDir: gatewayDataDir, port: 0, http1: false, logLevel: 'warn', rendererDir: existsSync(join(rendererDir, 'index.html')) ? rendererDir : null },
    });
    gateway = await startGateway(config, { logDestination: new LogCapture(), env: { ADMIN_PASSWORD }, announce: () => {} });

    display = await ensureDisplay();
    app = await _electron.launch({
      executablePath: electronBinary!,
      args: [
        // Chromium refuses to run its sandbox as root (CI containers); sandbox: true still isolates the preload.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        join(ROOT, 'electron/dist/main.js'),
        `--gateway=${gateway.url}`,
        `--user-data-dir=${userDataDir}`,
      ],
      env: { ...process.env, ...(display.display ? { DISPLAY: display.display } : {}) } as Record<string, string>,
      timeout: 60_000,
    });
    app.process().stdout?.on('data', (chunk: Buffer) => shellOutput.push(chunk.toString()));
    app.process().stderr?.on('data', (chunk: Buffer) => shellOutput.push(chunk.toString()));
    page = await app.firstWindow({ timeout: 60_000 });
    await page.waitForURL((url) => url.origin === new URL(gateway.url).origin, { timeout: 60_000 });
    await page.waitForLoadState('domcontentloaded');
  }, 120_000);

  afterAll(async () => {
    await app?.close().catch(() => {});
    display?.stop();
    await gateway?.close();
    for (const dir of [gatewayDataDir, userDataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('loads the operator window from the gateway origin', () => {
    expect(new URL(page.url()).origin).toBe(new URL(gateway.url).origin);
  });

  it('exposes window.desktop and no Node: no require, no process, no Buffer', async () => {
    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      const desktop = g.desktop as Record<string, unknown> | undefined;
      return {
        desktop: typeof desktop,
        shell: desktop?.shell,
        keys: desktop ? Object.keys(desktop).sort() : [],
        require: typeof g.require,
        process: typeof g.process,
        buffer: typeof g.Buffer,
        module: typeof g.module,
      };
    });
    expect(globals).toEqual({
      desktop: 'object',
      shell: 'electron',
      keys: ['alarmWindow', 'app', 'displays', 'notify', 'settings', 'setup', 'shell', 'wall'],
      require: 'undefined',
      process: 'undefined',
      buffer: 'undefined',
      module: 'undefined',
    });
  });

  it('answers typed IPC from the gateway page and refuses setup-only channels', async () => {
    const answers = await page.evaluate(async () => {
      const desktop = (globalThis as unknown as PageGlobals).desktop!;
      const version = await desktop.app.version();
      const status = await desktop.wall.status();
      const displays = await desktop.displays.list();
      const setup = await desktop.setup.submitGateway('https://10.0.0.1:8443').then(
        () => 'resolved',
        (err: Error) => err.message,
      );
      return { electron: version.electron, status, displays: displays.length, operator: displays.filter((d) => d.operator).length, setup };
    });
    expect(answers.electron).toMatch(/^\d+\./);
    expect(answers.status).toEqual({ active: false, open: [], skipped: [] });
    expect(answers.displays).toBeGreaterThanOrEqual(1);
    expect(answers.operator).toBe(1);
    expect(answers.setup).toMatch(/^forbidden: /);
  });

  it('keeps walls off the operator display unless asked', async () => {
    const status = await page.evaluate(async () => {
      const desktop = (globalThis as unknown as PageGlobals).desktop!;
      const [operator] = (await desktop.displays.list()).filter((d) => d.operator);
      await desktop.wall.setConfig({ assignments: [{ displayKey: operator!.key, layoutId: 'county-overview' }], openOnStart: false });
      const opened = await desktop.wall.open();
      await desktop.wall.close();
      return opened;
    });
    expect(status.active).toBe(true);
    expect(status.open).toEqual([]);
    expect(status.skipped.map((s) => s.reason)).toEqual(['operator-display']);
  });

  it('identifies every display for a few seconds, then closes the overlays', async () => {
    const before = app.windows().length;
    const { shown } = await page.evaluate(() => (globalThis as unknown as PageGlobals).desktop!.displays.identify());
    expect(shown).toBeGreaterThanOrEqual(1);
    await expect.poll(() => app.windows().filter((w) => w.url().includes('#/identify?display=')).length, { timeout: 15_000 }).toBe(shown);
    await expect.poll(() => app.windows().length, { timeout: 15_000 }).toBe(before);
  });

  it.skipIf(!rendererBuilt)('大屏设置 lists the shell’s displays and opens, then closes, the alarm window on the chosen display', async () => {
    await loginThroughForm(page, 'admin', ADMIN_PASSWORD);
    await page.click('[data-testid="view-switch-displays"]');
    const displays = await page.evaluate(() => (globalThis as unknown as PageGlobals).desktop!.displays.list());
    await page.locator(`[data-testid="display-row-1"][data-display-key="${displays[0]!.key}"]`).waitFor({ timeout: 30_000 });
    await page.selectOption('[data-testid="alarm-window-display"]', displays[0]!.key);
    await expect.poll(() => app.windows().some((w) => w.url().endsWith('#/alarm-window')), { timeout: 30_000 }).toBe(true);
    await page.locator('[data-testid="alarm-window-state"][data-open="true"]').waitFor();
    const saved = await page.evaluate(() => (globalThis as unknown as PageGlobals).desktop!.settings.get());
    expect(saved.alarmWindow).toEqual({ displayKey: displays[0]!.key });
    await page.selectOption('[data-testid="alarm-window-display"]', '');
    await expect.poll(() => app.windows().some((w) => w.url().endsWith('#/alarm-window')), { timeout: 30_000 }).toBe(false);
  });

  it.skipIf(!rendererBuilt)('a wall window follows a layout pushed to its wall, also after a reload', async () => {
    const [first, second] = await page.evaluate(async () => {
      const cells = [{ x: 0, y: 0, w: 1, h: 1, cameraId: null }];
      const make = async (name: string) => {
        const res = await fetch('/api/v1/layouts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, cols: 1, rows: 1, cells, visibility: 'everyone' }) });
        return ((await res.json()) as { id: string }).id;
      };
      return [await make('e2e-first'), await make('e2e-second')];
    });
    const key = await page.evaluate(async (layoutId) => {
      const desktop = (globalThis as unknown as PageGlobals).desktop!;
      const [operator] = (await desktop.displays.list()).filter((d) => d.operator);
      // One display under Xvfb: the wall may go on the operator's display only when the assignment says so.
      await desktop.wall.setConfig({ assignments: [{ displayKey: operator!.key, layoutId, allowOnOperatorDisplay: true }], openOnStart: false });
      await desktop.wall.open();
      return operator!.key;
    }, first!);
    expect(key).toMatch(/^-?\d+,-?\d+,\d+x\d+$/);
    await expect.poll(() => app.windows().some((w) => w.url().includes('#/wall?')), { timeout: 30_000 }).toBe(true);
    const wall = app.windows().find((w) => w.url().includes('#/wall?'))!;
    await wall.locator(`[data-testid="wall-mode"][data-layout-id="${first}"]`).waitFor({ timeout: 30_000 });
    const pushed = await page.evaluate(
      async (layoutId) => (await fetch('/api/v1/walls/display-1/commands', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'show-layout', layoutId }) })).status,
      second!,
    );
    expect(pushed).toBe(202);
    await wall.locator(`[data-testid="wall-mode"][data-layout-id="${second}"]`).waitFor({ timeout: 30_000 });
    await wall.reload();
    await wall.locator(`[data-testid="wall-mode"][data-layout-id="${second}"]`).waitFor({ timeout: 30_000 });
    await page.evaluate(async () => {
      const desktop = (globalThis as unknown as PageGlobals).desktop!;
      await desktop.wall.close();
      await desktop.wall.setConfig({ assignments: [], openOnStart: false });
    });
    await expect.poll(() => app.windows().length, { timeout: 15_000 }).toBe(1);
  });

  it('pinned the self-signed gateway certificate on first use', () => {
    const settings = JSON.parse(readFileSync(join(userDataDir, 'settings.json'), 'utf8')) as { gatewayUrl: string; certificatePins: Record<string, string> };
    const expected = fingerprintOfPem(readFileSync(join(gatewayDataDir, 'tls', 'gateway.crt'), 'utf8'));
    expect(settings.gatewayUrl).toBe(new URL(gateway.url).origin);
    expect(settings.certificatePins[new URL(gateway.url).origin]).toBe(expected);
  });

  it('does not navigate or open windows outside the gateway origin', async () => {
    const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.invalid/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.invalid/';
    });
    await page.waitForTimeout(1000);
    expect(new URL(page.url()).origin).toBe(new URL(gateway.url).origin);
    expect(app.windows()).toHaveLength(1);
    expect(shellOutput.join('')).toContain('navigation denied');
  });
});
