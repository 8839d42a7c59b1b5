/**
 * Glass-to-glass latency in Chromium: every simulator frame carries its clip frame index as a block row
 * (scripts/sim/frame-index-pattern.ts) and the simulator reports when each session sent which frame
 * (scripts/sim/frame-timing.ts). The page (g2g-page/page.ts, bundled with esbuild) draws each presented frame to a
 * canvas, decodes the index and notes the frame's expected display time; here each (index, display time) is mapped to
 * the frame's send time. Per camera GOP × stream × player: the console's own LivePlayer (its hls.js config and
 * behaviour) and plain hls.js `{ lowLatencyMode: true }`, each for `sec` seconds from the first frame, on a warm
 * pipeline (a second viewer keeps it running). Rebuffering: `waiting` events after the first frame until playback
 * resumed, and every hls.js error event.
 */
import type { Browser } from 'playwright-core';
import type { SessionTiming } from '../sim/frame-timing';
import type { Fleet } from '../sim/index';
import { launchChromium } from '../../tests/helpers/browser';
import { glassToGlass, latenciesBetween, mergeSessions, stallSummary, type PresentedFrame } from './g2g-analysis';
import type { G2gPageOptions, G2gPageResult } from './g2g-page/protocol';
import type { GatewayProcess } from './gateway-process';
import { percentile } from './proc-stats';
import { keepWarm, liveUrlOf, openPage, pageBundle, registerGopCameras, type BenchCamera } from './bench-browser';

export type G2gPlayer = G2gPageOptions['mode'];
export type G2gStream = G2gPageOptions['profile'];

export interface G2gRun {
  gopSec: number;
  stream: G2gStream;
  player: G2gPlayer;
}

export interface G2gRow extends G2gRun {
  latenciesMs: number[];
  /** Glass-to-glass p50 over the first and the last 10 s (ms). */
  firstP50Ms: number;
  lastP50Ms: number;
  unreadable: number;
  unmatched: number;
  stalls: number;
  stalledSec: number;
  errors: Map<string, number>;
  playerEvents: Map<string, number>;
  /** Medians over the run of what hls.js itself says (s): its target latency, its latency estimate, buffer ahead. */
  targetSec: number;
  /** The highest target latency hls.js used (it adds liveSyncOnStallIncrease per stall). */
  targetMaxSec: number;
  hlsLatencySec: number;
  aheadSec: number;
  /** Share of samples with playbackRate > 1 (hls.js catching up). */
  catchUpShare: number;
  droppedFrames: number;
  totalFrames: number;
}

const FIRST_FRAME_TIMEOUT_MS = 30_000;
const EDGE_WINDOW_MS = 10_000;


/** Plans: every GOP's sub stream, and the main stream of the GOPs in `mainGops`; each with both players. */
export function g2gPlan(gops: number[], mainGops: number[]): G2gRun[] {
  const runs: G2gRun[] = [];
  for (const gopSec of gops) {
    for (const stream of mainGops.includes(gopSec) ? (['sub', 'main'] as const) : (['sub'] as const)) {
      for (const player of ['console', 'plain'] as const) runs.push({ gopSec, stream, player });
    }
  }
  return runs;
}



function countInto(map: Map<string, number>, items: string[]): void {
  for (const e of items) map.set(e, (map.get(e) ?? 0) + 1);
}

async function measure(browser: Browser, gw: GatewayProcess, fleet: Fleet, cam: BenchCamera, run: G2gRun, sec: number, bundle: string): Promise<G2gRow> {
  const page = await openPage(browser, gw, cam.id, bundle);
  const snapshots: SessionTiming[][] = [];
  const snap = () => snapshots.push(fleet.cameraStats(cam.simIndex).timing);
  const poller = setInterval(snap, 2000);
  try {
    const opts: G2gPageOptions = {
      mode: run.player,
      profile: run.stream,
      url: (await liveUrlOf(gw, cam.id, run.stream)).url,
      durationMs: sec * 1000,
      firstFrameTimeoutMs: FIRST_FRAME_TIMEOUT_MS,
    };
    snap();
    const r = (await page.evaluate(`G2G.runG2g(${JSON.stringify(opts)})`)) as G2gPageResult;
    snap();
    const frames: PresentedFrame[] = r.frames.map(([index, displayMs]) => ({ index: index < 0 ? null : index, displayMs }));
    const g = glassToGlass(frames, mergeSessions(...snapshots), run.stream);
    const s = stallSummary(r.stalls, r.endedAt);
    const t0 = r.firstFrameAt ?? 0;
    const row: G2gRow = {
      ...run,
      latenciesMs: g.latenciesMs,
      unreadable: g.unreadable,
      unmatched: g.unmatched,
      firstP50Ms: percentile(latenciesBetween(g, t0, t0 + EDGE_WINDOW_MS), 50),
      lastP50Ms: percentile(latenciesBetween(g, r.endedAt - EDGE_WINDOW_MS, Infinity), 50),
      stalls: s.count,
      stalledSec: s.stalledSec,
      errors: new Map(),
      playerEvents: new Map(),
      targetSec: percentile(r.samples.map((x) => x.target).filter(Number.isFinite), 50),
      targetMaxSec: percentile(r.samples.map((x) => x.target).filter(Number.isFinite), 100),
      hlsLatencySec: percentile(r.samples.map((x) => x.latency).filter(Number.isFinite), 50),
      aheadSec: percentile(r.samples.map((x) => x.ahead), 50),
      catchUpShare: r.samples.length ? r.samples.filter((x) => x.rate > 1).length / r.samples.length : NaN,
      droppedFrames: r.droppedFrames,
      totalFrames: r.totalFrames,
    };
    countInto(row.errors, r.errors);
    countInto(row.playerEvents, r.playerEvents);
    if (r.firstFrameAt === null) row.errors.set('no frame', 1);
    return row;
  } finally {
    clearInterval(poller);
    await page.context().close();
  }
}

export async function runG2gBench(gw: GatewayProcess, runs: G2gRun[], sec: number, log: (s: string) => void): Promise<G2gRow[]> {
  const gops = [...new Set(runs.map((r) => r.gopSec))];
  const { cameras, fleet, close } = await registerGopCameras(gw, gops);
  const bundle = await pageBundle();
  const browser = await launchChromium();
  const rows: G2gRow[] = [];
  try {
    for (const run of runs) {
      const cam = cameras.find((c) => c.gopSec === run.gopSec)!;
      const url = (await liveUrlOf(gw, cam.id, run.stream)).url;
      const stopWarm = keepWarm(url);
      try {
        for (let i = 0; i < 80 && !(await fetch(url)).ok; i++) await new Promise((r) => setTimeout(r, 250));
        rows.push(await measure(browser, gw, fleet, cam, run, sec, bundle));
      } finally {
        stopWarm();
      }
      log(`G2G GOP ${run.gopSec} s ${run.stream} ${run.player}: done\n`);
    }
  } finally {
    await browser.close();
    await close();
  }
  return rows;
}

const GOAL_P95_SEC = 1.0;

export function g2gTable(rows: G2gRow[], sec: number): string {
  const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
  const n = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const list = (m: Map<string, number>) => [...m].map(([k, c]) => `${k} ×${c}`).join(', ') || 'none';
  const main = [
    `| GOP (s) | stream | player | frames measured | unreadable | g2g p50 (s) | g2g p95 (s) | g2g max (s) | stalls | stalled (s) | hls.js error events | goal p95 ≤ ${GOAL_P95_SEC.toFixed(1)} s |`,
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map((r) => {
      const p95 = percentile(r.latenciesMs, 95);
      const met = Number.isFinite(p95) ? (p95 <= GOAL_P95_SEC * 1000 ? 'met' : 'missed') : '–';
      return `| ${r.gopSec} | ${r.stream} | ${r.player} | ${r.latenciesMs.length} | ${r.unreadable + r.unmatched} | ${s(percentile(r.latenciesMs, 50))} | ${s(p95)} | ${s(Math.max(...r.latenciesMs))} | ${r.stalls} | ${n(r.stalledSec, 1)} | ${list(r.errors)} | ${met} |`;
    }),
  ];
  const detail = [
    '| GOP (s) | stream | player | g2g p50 first 10 s (s) | g2g p50 last 10 s (s) | hls.js target latency p50 / max (s) | hls.js latency p50 (s) | buffer ahead p50 (s) | catching up (rate > 1) | dropped / decoded frames | player events |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.gopSec} | ${r.stream} | ${r.player} | ${s(r.firstP50Ms)} | ${s(r.lastP50Ms)} | ${n(r.targetSec)} / ${n(r.targetMaxSec)} | ${n(r.hlsLatencySec)} | ${n(r.aheadSec)} | ${Number.isFinite(r.catchUpShare) ? `${Math.round(r.catchUpShare * 100)} %` : '–'} | ${r.droppedFrames} / ${r.totalFrames} | ${r.player === 'console' ? list(r.playerEvents) : '–'} |`,
    ),
  ];
  return `${main.join('\n')}\n\n${detail.join('\n')}\n\nGlass-to-glass: Chromium (headless), ${sec} s from the first presented frame on a warm pipeline; latency = the frame's expected
display time (requestVideoFrameCallback) − the simulator's send time of that frame (index read off a canvas). console: the
console's LivePlayer with its hls.js config; plain: hls.js { lowLatencyMode: true }. unreadable: frames whose block row did
not decode or matched no send. stalls: \`waiting\` after the first frame until playback resumed.\n`;
}
