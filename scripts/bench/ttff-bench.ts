/**
 * Time to first frame (TTFF) in Chromium, per camera GOP, cold (no pipeline running: the request starts ingest) and
 * warm (another viewer keeps the pipeline running). The page is a plain hls.js player (hls.js from node_modules,
 * `lowLatencyMode: true`, everything else default): a standard LL-HLS client, so the numbers say what the server
 * gives any client, apart from the console's own player settings. Every hls.js error event is counted.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { startFleet, type Fleet } from '../sim/index';
import { launchChromium } from '../../tests/helpers/browser';
import { percentile } from './proc-stats';
import type { GatewayProcess } from './gateway-process';

export interface TtffRow {
  gopSec: number;
  mode: 'cold' | 'warm';
  times: number[];
  /** From loadSource() until the first playlist response had arrived: the server's share of TTFF. */
  playlistTimes: number[];
  failures: number;
  /** hls.js error events by detail (e.g. levelEmptyError), over all tries. */
  errors: Map<string, number>;
}

const HLS_JS = readFileSync(fileURLToPath(new URL('../../node_modules/hls.js/dist/hls.min.js', import.meta.url)), 'utf8');
const TRY_TIMEOUT_MS = 20_000;

// Runs in the page (a string: this file has no DOM types). Resolves with the TTFF from loadSource to the first
// presented video frame (requestVideoFrameCallback), or an error text; hls.js errors are collected either way.
const PLAY = `(url) => new Promise((resolve) => {
  const video = document.createElement('video');
  video.muted = true; video.autoplay = true; video.playsInline = true;
  document.body.appendChild(video);
  const errors = [];
  const hls = new Hls({ lowLatencyMode: true });
  hls.on(Hls.Events.ERROR, (_e, d) => { errors.push(d.details + (d.fatal ? ':fatal' : '')); if (d.fatal) resolve({ ms: null, errors }); });
  const t0 = performance.now();
  const playlistMs = () => { const e = performance.getEntriesByType('resource').find((r) => r.name.includes('index.m3u8')); return e ? e.responseEnd - t0 : null; };
  video.requestVideoFrameCallback(() => resolve({ ms: performance.now() - t0, playlistMs: playlistMs(), errors }));
  hls.attachMedia(video);
  hls.loadSource(url);
  setTimeout(() => resolve({ ms: null, errors: [...errors, 'timeout'] }), ${TRY_TIMEOUT_MS});
})`;

export interface BenchCamera {
  gopSec: number;
  /** The gateway's camera id. */
  id: string;
  /** The simulator camera's 1-based index (fleet.cameraStats). */
  simIndex: number;
}

/** One simulated camera per GOP (H.264, sub and main stream), registered with the gateway. */
export async function registerGopCameras(gw: GatewayProcess, gops: number[]): Promise<{ cameras: BenchCamera[]; fleet: Fleet; close(): Promise<void> }> {
  const profiles = Object.fromEntries(gops.map((g, i) => [i + 1, { gopSec: g as 1 | 2 | 4 }]));
  const fleet = await startFleet({ cameras: gops.length, port: 0, controlPort: null, prewarm: true, profiles });
  await fleet.prewarmDone;
  const cameras: BenchCamera[] = [];
  for (const [i, cam] of fleet.cameras.entries()) {
    const c = await gw.api<{ id: string }>('POST', '/api/v1/cameras', {
      name: `ttff gop ${gops[i]}`, orgUnitId: '141130', category: 3, sourceType: 'rtsp', host: cam.host, rtspPort: cam.port,
      mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl, username: cam.username, password: cam.password, videoCodec: 'h264',
    });
    cameras.push({ gopSec: gops[i]!, id: c.id, simIndex: cam.index });
  }
  return { cameras, fleet, close: () => fleet.close() };
}

async function pipelineRunning(gw: GatewayProcess, cameraId: string): Promise<boolean> {
  const { items } = await gw.api<{ items: Array<{ cameraId: string }> }>('GET', '/api/v1/streams');
  return items.some((s) => s.cameraId === cameraId);
}

/** Cold: the operator's "retry" drops the camera's pipelines at once (no waiting out the idle stop). */
async function stopPipelines(gw: GatewayProcess, cameraId: string): Promise<void> {
  await gw.api('POST', `/api/v1/cameras/${cameraId}/retry`, {});
  for (let i = 0; i < 120 && (await pipelineRunning(gw, cameraId)); i++) await new Promise((r) => setTimeout(r, 100));
}

/** One try in a fresh page on the gateway's origin (same-origin requests, as the console makes them). */
interface TryResult {
  ms: number | null;
  playlistMs?: number | null;
  errors: string[];
}

async function tryOnce(browser: Browser, gw: GatewayProcess, url: string): Promise<TryResult> {
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    await page.goto(`${gw.url}/api/v1/health`);
    await page.addScriptTag({ content: HLS_JS });
    return (await page.evaluate(`(${PLAY})(${JSON.stringify(url)})`)) as TryResult;
  } finally {
    await context.close();
  }
}

/** Keeps a pipeline warm the way a second viewer would: a playlist request every second. */
export function keepWarm(url: string): () => void {
  let stop = false;
  void (async () => {
    while (!stop) {
      await fetch(url).then((r) => r.arrayBuffer()).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return () => (stop = true);
}

export async function runTtff(gw: GatewayProcess, gops: number[], tries: number, log: (s: string) => void): Promise<TtffRow[]> {
  const { cameras, close } = await registerGopCameras(gw, gops);
  const browser = await launchChromium();
  const rows: TtffRow[] = [];
  try {
    for (const cam of cameras) {
      for (const mode of ['cold', 'warm'] as const) {
        const row: TtffRow = { gopSec: cam.gopSec, mode, times: [], playlistTimes: [], failures: 0, errors: new Map() };
        const liveUrl = async () => (await gw.api<{ url: string }>('GET', `/api/v1/cameras/${cam.id}/live?profile=sub`)).url;
        let stopWarm: (() => void) | null = null;
        if (mode === 'warm') {
          stopWarm = keepWarm(await liveUrl());
          for (let i = 0; i < 80 && !(await fetch(await liveUrl())).ok; i++) await new Promise((r) => setTimeout(r, 250));
        }
        for (let t = 0; t < tries; t++) {
          if (mode === 'cold') await stopPipelines(gw, cam.id);
          const r = await tryOnce(browser, gw, await liveUrl());
          if (r.ms === null) row.failures++;
          else row.times.push(r.ms);
          if (typeof r.playlistMs === 'number') row.playlistTimes.push(r.playlistMs);
          for (const e of r.errors) row.errors.set(e, (row.errors.get(e) ?? 0) + 1);
        }
        stopWarm?.();
        rows.push(row);
        log(`TTFF GOP ${cam.gopSec} s ${mode}: done\n`);
      }
    }
  } finally {
    await browser.close();
    await close();
  }
  return rows;
}

export function ttffTable(rows: TtffRow[], tries: number): string {
  const f = (x: number) => (Number.isFinite(x) ? (x / 1000).toFixed(2) : '–');
  const goal = (r: TtffRow) => (r.mode === 'cold' ? r.gopSec + 1.0 : 0.3);
  const lines = [
    `| GOP (s) | start | first playlist p50 (s) | TTFF p50 (s) | TTFF p95 (s) | goal p95 (s) | failed tries | hls.js error events |`,
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => {
      const errs = [...r.errors].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
      return `| ${r.gopSec} | ${r.mode} | ${f(percentile(r.playlistTimes, 50))} | ${f(percentile(r.times, 50))} | ${f(percentile(r.times, 95))} | ≤ ${goal(r).toFixed(1)} | ${r.failures}/${tries} | ${errs} |`;
    }),
  ];
  return `${lines.join('\n')}\n\nTTFF: Chromium (headless), plain hls.js ${'1.x'} with lowLatencyMode, from loadSource() to the first presented frame\n(requestVideoFrameCallback), sub stream; "first playlist": until the first playlist response had arrived (the server's share). cold: no pipeline for the camera (the request starts ffmpeg); warm: a second\nviewer keeps it running. ${tries} tries each.\n`;
}
