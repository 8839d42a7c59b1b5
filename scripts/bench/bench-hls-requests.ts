/**
 * What one HLS request costs the gateway: CPU µs per part request, per playlist request and per bare route
 * (`GET /api/v1/health`, no authorisation), measured as the gateway process's own CPU time (/proc, user + system)
 * over many sequential keep-alive requests with a valid token, minus what the running pipeline costs meanwhile
 * without requests. Also the playlist and token sizes. One simulated camera per gateway, sub stream, HTTP/1.1.
 *
 *   npx tsx scripts/bench/bench-hls-requests.ts [--requests 3000] [--rounds 3] [--compare DIR]
 *
 * `--compare DIR` runs a second gateway from another checkout (e.g. `git worktree add /tmp/base main`, with
 * `node_modules` linked in) beside this one, rounds interleaved, so both see the same machine load.
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { startFleet, type Fleet } from '../sim/index';
import { cpuSeconds } from './proc-stats';
import { startGatewayProcess, type GatewayProcess } from './gateway-process';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    compare: { type: 'string' },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listedParts = (playlist: string) => [...playlist.matchAll(/#EXT-X-PART:[^\n]*URI="([^"]+)"/g)].map((m) => m[1]!);

/** Gateway CPU seconds per wall second with the pipeline running and no requests (ingest + packaging). */
async function backgroundRate(pid: number, ms = 2000): Promise<number> {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(ms);
  return (cpuSeconds(pid) - c0) / ((performance.now() - t0) / 1000);
}

/** µs of gateway CPU per request: `n` sequential requests for `url()`, background subtracted. */
async function perRequestUs(pid: number, url: () => string, background: number, n = requests): Promise<number> {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await get(url());
    if (res.status !== 200) throw new Error(`${url()}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 200)}`);
  }
  const wallSec = (performance.now() - t0) / 1000;
  return (Math.max(0, cpuSeconds(pid) - c0 - background * wallSec) / n) * 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Target {
  label: string;
  gw: GatewayProcess;
  playlistUrl: string;
  partUrl(): string;
  token: string;
  playlist: string;
  rows: { part: number[]; playlist: number[]; bare: number[] };
  stop(): void;
}

/** A gateway watching camera `index` of the fleet, its live URL, and the newest listed part kept fresh. */
async function startTarget(label: string, fleet: Fleet, index: number, cwd?: string): Promise<Target> {
  const gw = await startGatewayProcess({ streams: { idleStopSec: 600 } }, cwd ? { cwd } : {});
  const cam = fleet.cameras[index]!;
  await gw.api('POST', '/api/v1/org-units', { id: '141130', name: '交口县', nameEn: 'Jiaokou County', level: 'county', parentId: null, lat: 36.98, lng: 111.18 });
  const { id } = await gw.api<{ id: string }>('POST', '/api/v1/cameras', {
    name: cam.name, orgUnitId: '141130', category: 3, sourceType: 'rtsp', host: cam.host, rtspPort: cam.port,
    mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl, username: cam.username, password: cam.password, videoCodec: 'h264',
  });
  const { url } = await gw.api<{ url: string }>('GET', `/api/v1/cameras/${id}/live?profile=sub`);
  const first = await get(url); // held until the first segment is complete
  if (first.status !== 200) throw new Error(`${label}: first playlist: HTTP ${first.status}`);
  await sleep(3000); // a full playlist window of parts
  const playlist = (await get(url)).body.toString('utf8');
  const base = url.slice(0, url.indexOf('/index.m3u8'));
  const newest = listedParts(playlist).at(-1);
  if (!newest) throw new Error(`${label}: no part in playlist:\n${playlist}`);
  // The newest listed part (not the preload hint) stays in the window for seconds; re-read it so it never 404s.
  let partUrl = `${base}/${newest}`;
  const refresh = setInterval(() => {
    void get(url).then((r) => {
      const p = listedParts(r.body.toString('utf8')).at(-1);
      if (p) partUrl = `${base}/${p}`;
    });
  }, 500);
  return {
    label, gw, playlistUrl: url, partUrl: () => partUrl, token: new URL(url).searchParams.get('token') ?? '', playlist,
    rows: { part: [], playlist: [], bare: [] },
    stop: () => clearInterval(refresh),
  };
}

async function measureRound(t: Target, warmUp: boolean): Promise<void> {
  const bg = warmUp ? 0 : await backgroundRate(t.gw.pid);
  const n = warmUp ? 500 : requests;
  const bare = await perRequestUs(t.gw.pid, () => `${t.gw.url}/api/v1/health`, bg, n);
  const part = await perRequestUs(t.gw.pid, t.partUrl, bg, n);
  const playlist = await perRequestUs(t.gw.pid, () => t.playlistUrl, bg, n);
  if (warmUp) return;
  t.rows.bare.push(bare);
  t.rows.part.push(part);
  t.rows.playlist.push(playlist);
}

function table(targets: Target[]): string {
  const cell = (xs: number[]) => `${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join('/')})`;
  const lines = [
    '',
    `HLS request cost: gateway CPU µs per request, median (rounds) of ${rounds} rounds × ${requests} sequential keep-alive requests, HTTP/1.1`,
    `| gateway | bare route (GET /api/v1/health) | part (token-checked) | playlist (token-checked, non-blocking) | token chars | playlist bytes (token share) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const t of targets) {
    const copies = t.playlist.split(t.token).length - 1;
    const bytes = Buffer.byteLength(t.playlist);
    const share = ((copies * t.token.length * 100) / bytes).toFixed(0);
    lines.push(`| ${t.label} | ${cell(t.rows.bare)} | ${cell(t.rows.part)} | ${cell(t.rows.playlist)} | ${t.token.length} | ${bytes} (${share} %, ${listedParts(t.playlist).length} parts) |`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const compare = values.compare;
  const fleet = await startFleet({ cameras: compare ? 2 : 1, port: 0, controlPort: null, prewarm: true });
  await fleet.prewarmDone;
  const targets: Target[] = [];
  try {
    if (compare) targets.push(await startTarget(`base (${compare})`, fleet, 1, compare));
    targets.push(await startTarget('this checkout', fleet, 0));
    for (const t of targets) await measureRound(t, true); // JIT and caches warm, not counted
    for (let r = 0; r < rounds; r++) for (const t of targets) await measureRound(t, false);
    process.stdout.write(table(targets));
  } finally {
    agent.destroy();
    for (const t of targets) {
      t.stop();
      await t.gw.stop();
    }
    await fleet.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
