/**
 * The gateway side of `bench:alarms` (the browser pop-up part belongs to the console):
 *   npx tsx scripts/bench/bench-alarms-backend.ts [--cameras 880] [--down 50] [--alarms 50] [--burst 1000]
 * 1. health sweep of N simulated cameras (RTSP DESCRIBE, no video), then with `down` of them stopped: sweep time and
 *    the camera-offline alarms it raised (once; a second sweep raises none);
 * 2. webhook alarm → `alarms` WebSocket event latency (median, p95) for `alarms` alarms, one at a time;
 * 3. a burst of `burst` concurrent webhook events over 10 cameras: throughput and the coalesced counts.
 * Runs the gateway in-process (the stream benchmark runs it as a child); prints a markdown table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { loadConfig } from '../../media-gateway/src/config/load-config';
import { startGateway } from '../../media-gateway/src/gateway';
import { registerSimCameras, seedDemoOrgUnits } from '../demo/seed-demo';
import { startFleet } from '../sim/index';
import { percentile } from './proc-stats';

const { values } = parseArgs({
  options: { cameras: { type: 'string', default: '880' }, down: { type: 'string', default: '50' }, alarms: { type: 'string', default: '50' }, burst: { type: 'string', default: '1000' } },
});
const N = Number(values.cameras);
const DOWN = Math.min(Number(values.down), N);
const ALARMS = Number(values.alarms);
const BURST = Number(values.burst);
const PASSWORD = 'bench-admin-pw-Z7q!';

const rows: Array<[string, string]> = [];
const dataDir = mkdtempSync(join(tmpdir(), 'cvg-bench-alarms-'));
const fleet = await startFleet({ cameras: N, port: 0, controlPort: null, prewarm: false });
const gw = await startGateway(loadConfig({ env: {}, overrides: { dataDir, http1: true, port: 0, logLevel: 'warn', health: { enabled: false } } }), {
  env: { ADMIN_PASSWORD: PASSWORD },
  announce: () => {},
  logDestination: { write: () => true } as unknown as NodeJS.WritableStream,
});
try {
  seedDemoOrgUnits(gw);
  registerSimCameras(gw, [...fleet.cameras]);
  const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${gw.url}${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  };
  const token = (await api<{ token: string }>('POST', '/api/v1/session', { username: 'admin', password: PASSWORD })).body.token;
  const auth = { authorization: `Bearer ${token}` };
  const alarmCount = () => (gw.db.prepare('SELECT COUNT(*) AS n FROM alarms').get() as { n: number }).n;

  // 1. Health sweeps.
  const sweep = async () => {
    const t0 = performance.now();
    const r = (await api<{ checked: number; online: number; offline: number }>('POST', '/api/v1/health/sweep', undefined, auth)).body;
    return { ...r, ms: performance.now() - t0 };
  };
  const s1 = await sweep();
  rows.push([`health sweep, ${N} cameras all up`, `${s1.ms.toFixed(0)} ms (${s1.online} online)`]);
  for (let i = 0; i < DOWN; i++) await fleet.stop(fleet.cameras[i]!.index);
  const s2 = await sweep();
  rows.push([`health sweep, ${DOWN} of ${N} down`, `${s2.ms.toFixed(0)} ms (${s2.offline} offline, ${alarmCount()} alarms raised)`]);
  const before = alarmCount();
  const s3 = await sweep();
  rows.push(['the same sweep again', `${s3.ms.toFixed(0)} ms (${alarmCount() - before} new alarms)`]);

  // 2. Webhook → WebSocket latency.
  const key = (await api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'bench' }, auth)).body.apiKey;
  const ws = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/api/v1/ws`, { headers: auth });
  const arrived = new Map<string, number>();
  ws.on('message', (m) => {
    const msg = JSON.parse(m.toString()) as { type: string; topic?: string; data?: { kind: string; alarm: { id: string } } };
    if (msg.type === 'event' && msg.topic === 'alarms' && msg.data?.kind === 'created') arrived.set(msg.data.alarm.id, performance.now());
  });
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'subscribe', topics: ['alarms'] }));
  await new Promise((r) => setTimeout(r, 200));
  const latencies: number[] = [];
  const ackLatencies: number[] = [];
  for (let i = 0; i < ALARMS; i++) {
    const t0 = performance.now();
    const r = await api<{ alarmId: string }>('POST', '/api/v1/alarms', { eventId: `lat-${i}`, type: 'grid-report', severity: 'major', title: `bench ${i}`, orgUnitId: '141130100' }, { 'x-api-key': key });
    ackLatencies.push(performance.now() - t0);
    while (!arrived.has(r.body.alarmId)) await new Promise((res) => setTimeout(res, 1));
    latencies.push(arrived.get(r.body.alarmId)! - t0);
  }
  rows.push([`webhook → committed (HTTP answer), ${ALARMS} alarms`, `median ${percentile(ackLatencies, 50).toFixed(1)} ms, p95 ${percentile(ackLatencies, 95).toFixed(1)} ms`]);
  rows.push([`webhook → \`alarms\` WebSocket event, ${ALARMS} alarms`, `median ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`]);
  ws.close();

  // 3. Burst.
  const ids = (gw.db.prepare('SELECT id FROM cameras ORDER BY id LIMIT 10').all() as Array<{ id: string }>).map((c) => c.id);
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: BURST }, (_, i) => api<{ alarmId: string }>('POST', '/api/v1/alarms', { eventId: `burst-${i}`, type: 'intrusion', severity: 'minor', title: 'burst', cameraId: ids[i % ids.length] }, { 'x-api-key': key })),
  );
  const ms = performance.now() - t0;
  const counts = gw.db.prepare(`SELECT COUNT(*) AS alarms, SUM(count) AS events FROM alarms WHERE type = 'intrusion'`).get() as { alarms: number; events: number };
  rows.push([`burst of ${BURST} concurrent webhook events, ${ids.length} cameras`, `${ms.toFixed(0)} ms (${((BURST / ms) * 1000).toFixed(0)}/s); ${results.filter((r) => r.status === 201).length} accepted → ${counts.alarms} alarms, counts sum ${counts.events}`]);
} finally {
  await gw.close();
  await fleet.close();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`\n| measurement | result |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}\n`);
