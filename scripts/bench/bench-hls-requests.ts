/**
 * What one HLS request costs the gateway: CPU µs per part request, per playlist request and per bare route
 * (`GET /api/v1/health`, no authorisation), measured as the gateway process's own CPU time (/proc, user + system)
 * over many sequential keep-alive requests with a valid token, minus what the running pipeline costs meanwhile
 * without requests. Also the playlist and token sizes. One simulated camera, sub stream, gateway over HTTP/1.1.
 *
 *   npx tsx scripts/bench/bench-hls-requests.ts [--requests 3000] [--rounds 3]
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { startFleet } from '../sim/index';
import { cpuSeconds } from './proc-stats';
import { startGatewayProcess, type GatewayProcess } from './gateway-process';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

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

async function main(): Promise<void> {
  const fleet = await startFleet({ cameras: 1, port: 0, controlPort: null, prewarm: true });
  await fleet.prewarmDone;
  let gw: GatewayProcess | null = null;
  try {
    gw = await startGatewayProcess({ streams: { idleStopSec: 600 } });
    const cam = fleet.cameras[0]!;
    await gw.api('POST', '/api/v1/org-units', { id: '141130', name: '交口县', nameEn: 'Jiaokou County', level: 'county', parentId: null, lat: 36.98, lng: 111.18 });
    const { id } = await gw.api<{ id: string }>('POST', '/api/v1/cameras', {
      name: cam.name, orgUnitId: '141130', category: 3, sourceType: 'rtsp', host: cam.host, rtspPort: cam.port,
      mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl, username: cam.username, password: cam.password, videoCodec: 'h264',
    });
    const { url } = await gw.api<{ url: string }>('GET', `/api/v1/cameras/${id}/live?profile=sub`);
    const token = new URL(url).searchParams.get('token') ?? '';
    const first = await get(url); // held until the first segment is complete
    if (first.status !== 200) throw new Error(`first playlist: HTTP ${first.status}`);
    await sleep(3000); // a full playlist window of parts
    const playlist = (await get(url)).body.toString('utf8');
    // The newest listed part (not the preload hint): always present while the window slides.
    const parts = [...playlist.matchAll(/#EXT-X-PART:[^\n]*URI="([^"]+)"/g)].map((m) => m[1]!);
    const partPath = parts[parts.length - 1];
    if (!partPath) throw new Error(`no part in playlist:\n${playlist}`);
    const base = url.slice(0, url.indexOf('/index.m3u8'));
    // Re-read the newest part each time: it stays in the window for several seconds, and a stale one would 404.
    let partUrl = `${base}/${partPath}`;
    const refresh = setInterval(() => {
      void get(url).then((r) => {
        const ps = [...r.body.toString('utf8').matchAll(/#EXT-X-PART:[^\n]*URI="([^"]+)"/g)].map((m) => m[1]!);
        if (ps.length) partUrl = `${base}/${ps[ps.length - 1]}`;
      });
    }, 500);
    const rows = { part: [] as number[], playlist: [] as number[], bare: [] as number[] };
    try {
      // Warm-up (JIT, caches), not counted.
      for (const u of [`${gw.url}/api/v1/health`, partUrl, url]) await perRequestUs(gw.pid, () => u, 0, 500);
      for (let r = 0; r < rounds; r++) {
        const bg = await backgroundRate(gw.pid);
        rows.bare.push(await perRequestUs(gw.pid, () => `${gw!.url}/api/v1/health`, bg));
        rows.part.push(await perRequestUs(gw.pid, () => partUrl, bg));
        rows.playlist.push(await perRequestUs(gw.pid, () => url, bg));
      }
    } finally {
      clearInterval(refresh);
    }
    const f = (x: number) => x.toFixed(0).padStart(8);
    const out = [
      '',
      `HLS request cost (gateway CPU µs per request, median of ${rounds} rounds × ${requests} sequential keep-alive requests, HTTP/1.1)`,
      '| request | µs/request | rounds |',
      '| --- | ---: | --- |',
      `| bare route (GET /api/v1/health) | ${f(median(rows.bare))} | ${rows.bare.map((x) => x.toFixed(0)).join(' / ')} |`,
      `| part (token-checked) | ${f(median(rows.part))} | ${rows.part.map((x) => x.toFixed(0)).join(' / ')} |`,
      `| playlist (token-checked, non-blocking) | ${f(median(rows.playlist))} | ${rows.playlist.map((x) => x.toFixed(0)).join(' / ')} |`,
      '',
      `token: ${token.length} characters; playlist: ${Buffer.byteLength(playlist)} bytes (${playlist.split(token).length - 1} copies of the token: ` +
        `${(((playlist.split(token).length - 1) * token.length * 100) / Buffer.byteLength(playlist)).toFixed(0)} %), ${parts.length} parts listed`,
      '',
    ];
    process.stdout.write(out.join('\n'));
  } finally {
    agent.destroy();
    await gw?.stop();
    await fleet.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
