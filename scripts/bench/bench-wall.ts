/**
 * npm run bench:wall [-- --sizes 4,16,36 --window 10 --runs 3 --protocols h2,http1 --renderer-dir renderer/dist]
 * N tiles of one wall in one headless Chromium (Debian's), fed by the simulator through a gateway process, once over
 * HTTP/2 + TLS (as in production) and once over plain HTTP/1.1 (6 connections per host). Prints one table row per
 * protocol and N: time until all tiles play (the first run is the first wall after the gateway started), tiles that
 * hit the connect timeout on the way, rebuffering (waiting events and stalled time per tile-minute), renderer
 * (Chromium tree) CPU and memory, dropped frames, gateway CPU.
 */
import { parseArgs } from 'node:util';
import { presetCells } from '../../contracts/src/layout';
import { linuxProcTable } from '../../media-gateway/src/ingest/orphan-sweeper';
import { startFleet, type Fleet } from '../sim/index';
import { launchChromium } from '../../tests/helpers/browser';
import { cpuSeconds, percentile, pssMiB } from './proc-stats';
import { startGatewayProcess } from './gateway-process';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '4,16,36' },
    window: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    protocols: { type: 'string', default: 'h2,http1' },
    'renderer-dir': { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const windowSec = Number(values.window);
const runs = Number(values.runs);
const protocols = values.protocols.split(',').map((p) => {
  if (p !== 'h2' && p !== 'http1') throw new Error(`--protocols: h2 or http1, not ${p}`);
  return p;
});
// The gateway's own default (renderer/dist) wins over its config file; the environment variable wins over both.
if (values['renderer-dir']) process.env.GATEWAY_RENDERER_DIR = values['renderer-dir'];

/** The Chromium process tree: every descendant of this process that is Chromium (not the gateway or its ffmpeg). */
function chromiumTree(): number[] {
  const all = linuxProcTable.list();
  const out = [process.pid];
  for (let i = 0; i < out.length; i++) for (const p of all) if (p.ppid === out[i] && /chrom/i.test(p.argv[0] ?? '')) out.push(p.pid);
  return out.slice(1);
}

// Evaluated in the page as strings: this file is compiled without DOM types, and tsx wraps functions with helpers
// that do not survive serialisation. The context bypasses the console's CSP (which forbids eval) for that only.
const LIVE_TIMEOUT_MS = 60_000;
const LIVE_TILES = `[...document.querySelectorAll('[data-testid^="tile-"]')].filter((t) => t.getAttribute('data-state') === 'live').length`;
const QUALITY = `[...document.querySelectorAll('video')].map((v) => v.getVideoPlaybackQuality()).reduce((a, q) => ({ dropped: a.dropped + q.droppedVideoFrames, total: a.total + q.totalVideoFrames }), { dropped: 0, total: 0 })`;
// Rebuffering: a video's 'waiting' (playback stopped for lack of data) until its next 'playing'. Media events do not
// bubble, so the listeners capture at the document. Tile states are logged to see connect timeouts ("reconnecting").
const PAGE_PROBES = `
  window.__stalls = { waiting: 0, stalledMs: 0, open: new Map() };
  document.addEventListener('waiting', (e) => {
    const s = window.__stalls;
    if (e.target instanceof HTMLVideoElement && !s.open.has(e.target)) { s.waiting++; s.open.set(e.target, performance.now()); }
  }, true);
  const resumed = (e) => {
    const s = window.__stalls;
    const t = s.open.get(e.target);
    if (t !== undefined) { if (e.type === 'playing') s.stalledMs += performance.now() - t; s.open.delete(e.target); }
  };
  document.addEventListener('playing', resumed, true);
  document.addEventListener('emptied', resumed, true);
  window.__reconnected = new Set();
  new MutationObserver((rs) => { for (const r of rs) if (r.target.getAttribute?.('data-state') === 'reconnecting') window.__reconnected.add(r.target.getAttribute('data-testid')); })
    .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
`;
const STALLS = `(() => { const s = window.__stalls; let open = 0; for (const t of s.open.values()) open += performance.now() - t; return { waiting: s.waiting, stalledMs: s.stalledMs + open }; })()`;
const RECONNECTED = `window.__reconnected.size`;

interface ProtocolResult {
  rows: string[];
}

async function benchProtocol(protocol: 'h2' | 'http1', fleet: Fleet): Promise<ProtocolResult> {
  const tls = protocol === 'h2';
  const gw = await startGatewayProcess({ streams: { idleStopSec: 5 } }, { tls });
  const browser = await launchChromium();
  try {
    await gw.api('POST', '/api/v1/org-units', { id: '141130', name: '交口县', nameEn: 'Jiaokou County', level: 'county', parentId: null, lat: 36.98, lng: 111.18 });
    const ids: string[] = [];
    for (const cam of fleet.cameras) {
      const c = await gw.api<{ id: string }>('POST', '/api/v1/cameras', { name: cam.name, orgUnitId: '141130', category: 3, sourceType: 'rtsp', host: cam.host, rtspPort: cam.port, mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl, username: cam.username, password: cam.password, videoCodec: 'h264' });
      ids.push(c.id);
    }
    // The generated certificate is self-signed: trusted for this context only, as the desktop shell pins it.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, bypassCSP: true, ignoreHTTPSErrors: tls });
    await context.addCookies([{ name: 'cvg_session', value: gw.token, url: gw.url }]);
    await context.addInitScript(PAGE_PROBES);
    const page = await context.newPage();
    const rows: string[] = [];
    for (const n of sizes) {
      const grid = Math.sqrt(n);
      const cells = presetCells(grid).map((c, i) => ({ ...c, cameraId: ids[i] ?? null }));
      const layout = await gw.api<{ id: string }>('POST', '/api/v1/layouts', { name: `bench ${n}`, cols: grid, rows: grid, cells });
      const times: number[] = [];
      let first: number | null = null;
      let maxLive = 0;
      let liveAtEnd = 0;
      let reconnected = 0;
      let quality = { dropped: 0, total: 0 };
      let stalls = { waiting: 0, stalledMs: 0 };
      let rendererCores = 0;
      let rendererPss = 0;
      let gwCores = 0;
      let negotiated = '';
      for (let r = 0; r < runs; r++) {
        await page.goto('about:blank');
        if (r > 0 || n !== sizes[0]) await new Promise((res) => setTimeout(res, 6000)); // pipelines of the previous run stop (idleStopSec 5)
        const t0 = Date.now();
        await page.goto(`${gw.url}/#/wall?layout=${layout.id}`);
        negotiated = (await page.evaluate('performance.getEntriesByType("navigation")[0].nextHopProtocol')) as string;
        // Poll rather than wait: on 2 cores a large wall may never have every tile live at once, and that is a result.
        let allAt: number | null = null;
        while (Date.now() - t0 < LIVE_TIMEOUT_MS) {
          const live = (await page.evaluate(LIVE_TILES)) as number;
          maxLive = Math.max(maxLive, live);
          if (live >= n) {
            allAt = Date.now() - t0;
            break;
          }
          await new Promise((res) => setTimeout(res, 250));
        }
        if (allAt !== null) times.push(allAt);
        if (r === 0) first = allAt;
        reconnected += (await page.evaluate(RECONNECTED)) as number;
        if (r !== runs - 1) continue;
        // Steady state over the window, on the last run.
        const pids = chromiumTree();
        const c0 = pids.map(cpuSeconds);
        const g0 = cpuSeconds(gw.pid);
        const q0 = (await page.evaluate(QUALITY)) as { dropped: number; total: number };
        const s0 = (await page.evaluate(STALLS)) as { waiting: number; stalledMs: number };
        const w0 = Date.now();
        await new Promise((res) => setTimeout(res, windowSec * 1000));
        const elapsed = (Date.now() - w0) / 1000;
        const q1 = (await page.evaluate(QUALITY)) as { dropped: number; total: number };
        const s1 = (await page.evaluate(STALLS)) as { waiting: number; stalledMs: number };
        rendererCores = pids.reduce((s, pid, i) => s + cpuSeconds(pid) - c0[i]!, 0) / elapsed;
        rendererPss = chromiumTree().reduce((s, pid) => s + pssMiB(pid), 0);
        gwCores = (cpuSeconds(gw.pid) - g0) / elapsed;
        quality = { dropped: q1.dropped - q0.dropped, total: q1.total - q0.total };
        // Per tile and minute of the window.
        const tileMinutes = (n * elapsed) / 60;
        stalls = { waiting: (s1.waiting - s0.waiting) / tileMinutes, stalledMs: (s1.stalledMs - s0.stalledMs) / tileMinutes };
        liveAtEnd = (await page.evaluate(LIVE_TILES)) as number;
      }
      const dropPct = quality.total ? (100 * quality.dropped) / quality.total : NaN;
      const allPlayed = times.length ? `${percentile(times, 50).toFixed(0)} (${times.length}/${runs} runs)` : `never (max ${maxLive}/${n} live)`;
      const label = `${tls ? 'HTTP/2 + TLS' : 'HTTP/1.1'} (${negotiated})`;
      rows.push(
        `| ${label} | ${n} | ${first ?? 'never'} | ${allPlayed} | ${times.length ? Math.max(...times).toFixed(0) : '–'} | ${reconnected} | ${liveAtEnd}/${n} | ${stalls.waiting.toFixed(2)} | ${(stalls.stalledMs / 1000).toFixed(2)} | ${rendererCores.toFixed(2)} | ${rendererPss.toFixed(0)} | ${dropPct.toFixed(1)} | ${gwCores.toFixed(3)} |`,
      );
      process.stdout.write(`${label}, N = ${n} done\n`);
    }
    return { rows };
  } finally {
    await browser.close();
    await gw.stop();
  }
}

async function main() {
  const maxN = Math.max(...sizes);
  process.stdout.write(`Preparing ${maxN} simulated cameras…\n`);
  const fleet = await startFleet({ cameras: maxN, port: 0, controlPort: null, prewarm: true });
  await fleet.prewarmDone;
  try {
    const rows: string[] = [];
    // A fresh gateway per protocol: each table's first run is the first wall after a gateway start.
    for (const protocol of protocols) rows.push(...(await benchProtocol(protocol, fleet)).rows);
    process.stdout.write(
      `\n| protocol | tiles | first wall after start (ms) | all playing, median (ms) | worst (ms) | tiles hitting the connect timeout | live after the window | waiting events per tile-minute | stalled s per tile-minute | Chromium CPU (cores) | Chromium PSS (MiB) | dropped frames (%) | gateway CPU (cores) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n${rows.join('\n')}\n\n` +
        `"all playing": from navigation to the wall page until every tile reports data-state=live (its video advancing); "first wall": the first run after the gateway started (cold pipelines).\n` +
        `"connect timeout": tiles that showed reconnecting before playing (summed over runs). Rebuffering, CPU and memory over a ${windowSec} s steady-state window of the last run; Chromium = the whole browser process tree (headless, software decoding).\n`,
    );
  } finally {
    await fleet.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
