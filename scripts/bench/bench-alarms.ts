/**
 * npm run bench:alarms [-- --cameras 880 --down 50 --alarms 50]
 * 1. Health sweep of N simulated cameras (RTSP DESCRIBE, no video): all up, then with `down` of them stopped.
 * 2. Webhook alarm → alarm pop-up visible in the operator console (headless Chromium, the built renderer), for
 *    `alarms` alarms one at a time, each on its own camera: median and p95. The pop-up starts the camera's live video
 *    at once; the time measured is until the pop-up for that alarm is on screen (its first painted frame), then the
 *    alarm is acknowledged so the next one is the one shown.
 * The gateway runs in-process (as in bench-alarms-backend.ts, which measures the gateway side: webhook → WebSocket
 * event, bursts). Needs renderer/dist (npm run build:renderer). Prints a markdown table.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../media-gateway/src/config/load-config';
import { startGateway } from '../../media-gateway/src/gateway';
import { launchChromium } from '../../tests/helpers/browser';
import { registerSimCameras, seedDemoOrgUnits } from '../demo/seed-demo';
import { startFleet } from '../sim/index';
import { percentile } from './proc-stats';

const { values } = parseArgs({ options: { cameras: { type: 'string', default: '880' }, down: { type: 'string', default: '50' }, alarms: { type: 'string', default: '50' } } });
const N = Number(values.cameras);
const DOWN = Math.min(Number(values.down), N);
const ALARMS = Math.min(Number(values.alarms), N - DOWN);
const PASSWORD = 'bench-admin-pw-Z7q!';
const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');

// Evaluated in the page (this file is compiled without DOM types): note when each alarm's pop-up is first painted.
const OBSERVE = `(() => {
  window.__alarmShown = {};
  const note = () => {
    const el = document.querySelector('[data-testid="alarm-popup"]');
    const id = el && el.getAttribute('data-alarm-id');
    if (id && !(id in window.__alarmShown)) { window.__alarmShown[id] = 0; requestAnimationFrame(() => { window.__alarmShown[id] = Date.now(); }); }
  };
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-alarm-id'] });
})()`;

// Page-side helpers as functions (the console's CSP forbids evaluating strings in waitForFunction).
interface PageGlobals {
  __alarmShown: Record<string, number>;
  document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
}
// Serialised into the page: self-contained.
const shownAt = (id: string) => (globalThis as unknown as PageGlobals).__alarmShown[id] || null;
const popupIsNot = (id: string) => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="alarm-popup"]')?.getAttribute('data-alarm-id') !== id;

if (!existsSync(join(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist missing: run npm run build:renderer first');
const rows: Array<[string, string]> = [];
const dataDir = mkdtempSync(join(tmpdir(), 'cvg-bench-alarms-ui-'));
process.stdout.write(`Starting ${N} simulated cameras and the gateway…\n`);
const fleet = await startFleet({ cameras: N, port: 0, controlPort: null, prewarm: false });
const gw = await startGateway(loadConfig({ env: {}, overrides: { dataDir, http1: true, port: 0, logLevel: 'warn', rendererDir: RENDERER_DIST, health: { enabled: false } } }), {
  env: { ADMIN_PASSWORD: PASSWORD },
  announce: () => {},
  logDestination: { write: () => true } as unknown as NodeJS.WritableStream,
});
const browser = await launchChromium();
try {
  seedDemoOrgUnits(gw);
  registerSimCameras(gw, [...fleet.cameras]);
  const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${gw.url}${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  };
  const token = (await api<{ token: string }>('POST', '/api/v1/session', { username: 'admin', password: PASSWORD })).body.token;
  const auth = { authorization: `Bearer ${token}` };

  // 1. Health sweeps.
  const sweep = async () => {
    const t0 = performance.now();
    const r = (await api<{ checked: number; online: number; offline: number }>('POST', '/api/v1/health/sweep', undefined, auth)).body;
    return { ...r, ms: performance.now() - t0 };
  };
  const s1 = await sweep();
  rows.push([`health sweep, ${N} cameras all up`, `${s1.ms.toFixed(0)} ms (${s1.online} online)`]);
  const downIdx = fleet.cameras.slice(N - DOWN).map((c) => c.index);
  for (const i of downIdx) await fleet.stop(i);
  const s2 = await sweep();
  rows.push([`health sweep, ${DOWN} of ${N} down`, `${s2.ms.toFixed(0)} ms (${s2.offline} offline)`]);
  process.stdout.write('Sweeps done; opening the console…\n');

  // Camera-offline alarms of the sweep: acknowledge them so the pop-up queue starts empty.
  const open = (await api<{ items: Array<{ id: string }> }>('GET', '/api/v1/alarms?state=new&limit=500', undefined, auth)).body.items;
  for (const a of open) await api('POST', `/api/v1/alarms/${a.id}/ack`, {}, auth);

  // 2. Webhook → pop-up on screen.
  const key = (await api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'bench-ui' }, auth)).body.apiKey;
  const cameraIds = (gw.db.prepare(`SELECT id FROM cameras WHERE status = 'online' ORDER BY id LIMIT ?`).all(ALARMS) as Array<{ id: string }>).map((c) => c.id);
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addCookies([{ name: 'cvg_session', value: token, url: gw.url }]);
  const page = await context.newPage();
  await page.goto(gw.url);
  await page.waitForSelector('[data-testid="wall"]', { timeout: 60_000 });
  await page.evaluate(OBSERVE);
  await new Promise((r) => setTimeout(r, 1000));
  const latencies: number[] = [];
  let videoLive = 0;
  for (let i = 0; i < cameraIds.length; i++) {
    const t0 = Date.now();
    const r = await api<{ alarmId: string }>('POST', '/api/v1/alarms', { eventId: `ui-${i}`, type: 'motion', severity: 'major', title: `bench ${i}`, cameraId: cameraIds[i] }, { 'x-api-key': key });
    if (r.status !== 201) throw new Error(`webhook answered ${r.status}`);
    const id = r.body.alarmId;
    const at = (await page.waitForFunction(shownAt, id, { timeout: 10_000, polling: 10 }).then((h) => h.jsonValue())) as number;
    latencies.push(at - t0);
    // Every fifth: let the video come up (the pop-up plays the camera's sub stream).
    if (i % 5 === 0) {
      const live = await page
        .waitForSelector(`[data-testid="alarm-popup"][data-alarm-id="${id}"] [data-testid="alarm-popup-video"][data-state="live"]`, { timeout: 20_000 })
        .then(() => true, () => false);
      if (live) videoLive++;
    }
    await api('POST', `/api/v1/alarms/${id}/ack`, {}, auth);
    await page.waitForFunction(popupIsNot, id, { timeout: 10_000 });
  }
  rows.push([`webhook → pop-up on screen (Chromium, headless), ${latencies.length} alarms`, `median ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`]);
  rows.push([`pop-up video live (every 5th alarm checked)`, `${videoLive} of ${Math.ceil(cameraIds.length / 5)}`]);
} finally {
  await browser.close();
  await gw.close();
  await fleet.close();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`\n| measurement | result |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}\n`);
