/**
 * npm run bench:discovery [-- --cameras 880 --runs 2 --window 2000]
 * N simulated ONVIF cameras (WS-Discovery on UDP 3702 of 127.41.X.Y, SOAP on ephemeral ports) in this process, a
 * gateway as its own process, and unicast scans of the whole range through the gateway's API with each camera's
 * credentials scoped to its address. Prints one table row per scan: time to find ≥ 99 % and 100 % of the devices,
 * time until every device's profile details were in, failures, and CPU. Goal: ≥ 99 % found in ≤ 10 s.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { DiscoveryScanDto } from '../../contracts/src/discovery';
import { startFleet } from '../sim/index';
import { startGatewayProcess } from './gateway-process';
import { cpuSeconds, percentile, rssMiB } from './proc-stats';

const { values } = parseArgs({
  options: { cameras: { type: 'string', default: '880' }, runs: { type: 'string', default: '2' }, window: { type: 'string', default: '2000' } },
});
const N = Number(values.cameras);
const RUNS = Number(values.runs);
const WINDOW_MS = Number(values.window);
const BASE: [number, number] = [127, 41];

const fmt = (ms: number | null): string => (ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`);

async function main(): Promise<void> {
  const t0 = performance.now();
  const logs: string[] = [];
  const fleet = await startFleet({ cameras: N, port: 0, controlPort: null, baseOctets: BASE, onvif: { port: 0 }, log: (m) => logs.push(m) });
  const fleetMs = performance.now() - t0;
  console.log(`sim: ${N} cameras with ONVIF (RTSP + UDP 3702 + HTTP listeners) up in ${fleetMs.toFixed(0)} ms; ${logs.find((l) => l.includes('ONVIF devices')) ?? ''}`);

  const gw = await startGatewayProcess({});
  console.log(`gateway: pid ${gw.pid} at ${gw.url}`);
  const first = fleet.cameras[0]!;
  const last = fleet.cameras[fleet.cameras.length - 1]!;
  const credentials = fleet.cameras.map((c) => ({ username: c.username, password: c.password, hosts: [c.host] }));

  const ws = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/api/v1/ws`, { headers: { authorization: `Bearer ${gw.token}` } });
  const events: Array<{ at: number; data: { id: string; found: number; queried: number; state: string } }> = [];
  ws.on('message', (m) => {
    const msg = JSON.parse(m.toString()) as { type: string; topic?: string; data?: { id: string; found: number; queried: number; state: string } };
    if (msg.type === 'event' && msg.topic === 'discovery' && msg.data) events.push({ at: performance.now(), data: msg.data });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'subscribe', topics: ['discovery'] }));

  const rows: string[][] = [];
  for (let run = 1; run <= RUNS; run++) {
    const gwCpu0 = cpuSeconds(gw.pid);
    const simCpu0 = process.cpuUsage();
    const posted = performance.now();
    const { id } = await gw.api<{ id: string }>('POST', '/api/v1/discovery/scans', { mode: 'unicast', ranges: [`${first.host}-${last.host}`], credentials, windowMs: WINDOW_MS });
    let r: DiscoveryScanDto;
    for (;;) {
      await new Promise((res) => setTimeout(res, 500));
      r = await gw.api<DiscoveryScanDto>('GET', `/api/v1/discovery/scans/${id}`);
      if (r.state !== 'running') break;
    }
    const wall = performance.now() - posted;
    const gwCpu = cpuSeconds(gw.pid) - gwCpu0;
    const sim = process.cpuUsage(simCpu0);
    const found = r.devices.map((d) => d.foundAfterMs).sort((a, b) => a - b);
    const queried = r.devices.map((d) => d.queriedAfterMs ?? Infinity).sort((a, b) => a - b);
    const at99 = found.length >= Math.ceil(N * 0.99) ? (found[Math.ceil(N * 0.99) - 1] ?? null) : null;
    const ws99 = events.find((e) => e.data.id === id && e.data.found >= Math.ceil(N * 0.99));
    const byStatus = (s: string) => r.devices.filter((d) => d.status === s).length;
    rows.push([
      String(run),
      `${r.found}/${N}`,
      fmt(at99),
      ws99 ? fmt(ws99.at - posted) : '–',
      fmt(found.length === N ? (found.at(-1) ?? null) : null),
      fmt(Number.isFinite(queried.at(-1)) ? (queried.at(-1) ?? null) : null),
      fmt(percentile(queried.filter(Number.isFinite), 50)),
      fmt(Date.parse(r.finishedAt!) - Date.parse(r.startedAt)),
      fmt(wall),
      String(byStatus('ok')),
      String(byStatus('auth-required')),
      String(byStatus('error') + r.skipped.length),
      gwCpu.toFixed(1),
      ((sim.user + sim.system) / 1e6).toFixed(1),
      String(events.filter((e) => e.data.id === id).length),
    ]);
    for (const d of r.devices.filter((x) => x.status !== 'ok').slice(0, 5)) console.log(`  run ${run}: ${d.address} ${d.status}: ${d.reason}`);
    for (const s of r.skipped.slice(0, 5)) console.log(`  run ${run}: skipped ${s.address}: ${s.reason}`);
  }

  const head = ['run', 'found', '≥99 % found', '≥99 % (WS)', '100 % found', 'all details', 'details p50', 'scan done', 'wall (API)', 'ok', 'auth-req', 'failed', 'gw CPU s', 'sim CPU s', 'WS events'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\nunicast scan of ${first.host}-${last.host} (${N} addresses), window ${WINDOW_MS} ms, gateway defaults (16 devices at once, 1000 Probes/s, 3 rounds)`);
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log(`gateway RSS after the scans: ${rssMiB(gw.pid).toFixed(0)} MiB; sim+bench RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);

  ws.close();
  await gw.stop();
  await fleet.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
