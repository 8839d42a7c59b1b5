/**
 * Density: how many watched sub streams a gateway carries, per ingest path (`streams.ingest`), in one run. Each path
 * gets its own gateway process over the same simulated fleet (moving picture at ~800 kbit/s); for each N the paths take
 * turns, so both see the machine in the same state. Viewers run in a separate process (viewer-process.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFleet, type Fleet } from '../../sim/index';
import { startGatewayProcess, type GatewayProcess } from '../gateway-process';
import { createBenchOrgUnit, registerCameras } from '../fleet-cameras';
import { descendantsOf, parseCpuTotals, readProcTable, readSmapsRollup, ticksToSeconds, treeCpuTicks } from '../proc-stats';
import { judgeParts } from './part-accounting';
import { densityTable, type DensityRow, type IngestPath } from './density-table';
import { fromTuple, type FromViewers, type ToViewers, type ViewerReport } from './viewer-protocol';

export interface DensityOptions {
  sizes: number[];
  sec: number;
  paths: IngestPath[];
  /** Sub stream bitrate of the simulated cameras (kbit/s). */
  kbps: number;
  lateMarginMs: number;
  /** Viewers (and so pipelines) started per second at the beginning of a row. */
  rampPerSec: number;
  log: (line: string) => void;
}

const PART_TARGET_SEC = 0.2;
const FRAME_MS = 40; // the simulator's 25 fps
/** Pipelines of the previous row must be gone (idle stop) before the next row starts. */
const IDLE_STOP_SEC = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PathGateway {
  ingest: IngestPath;
  gw: GatewayProcess;
  ids: string[];
  idle: { pssKb: number; rssKb: number };
}

function treeMemory(root: number): { pssKb: number; rssKb: number; ffmpeg: number } {
  const descendants = descendantsOf(root, readProcTable());
  const out = { pssKb: 0, rssKb: 0, ffmpeg: descendants.filter((p) => p.comm === 'ffmpeg').length };
  for (const pid of [root, ...descendants.map((p) => p.pid)]) {
    const m = readSmapsRollup(pid);
    out.pssKb += m.pssKb;
    out.rssKb += m.rssKb;
  }
  return out;
}

async function startPathGateway(ingest: IngestPath, fleet: Fleet): Promise<PathGateway> {
  const gw = await startGatewayProcess({
    streams: { idleStopSec: IDLE_STOP_SEC, maxPipelines: 2000, partTargetSec: PART_TARGET_SEC, ingest },
    cameras: { testOnCreate: false },
  });
  await createBenchOrgUnit(gw);
  const ids = await registerCameras(gw, fleet);
  await sleep(1000);
  const m = treeMemory(gw.pid);
  return { ingest, gw, ids, idle: { pssKb: m.pssKb, rssKb: m.rssKb } };
}

interface Viewers {
  pid: number;
  stop(): Promise<ViewerReport>;
}

async function startViewers(urls: string[], rampPerSec: number): Promise<Viewers> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./viewer-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromViewers['type']>(type: T) =>
    new Promise<Extract<FromViewers, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromViewers) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m as Extract<FromViewers, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`viewer process exited (${code}) before '${type}'`)));
    });
  const started = next('started');
  child.send({ type: 'start', urls, rampPerSec } satisfies ToViewers);
  await started;
  return {
    pid: child.pid!,
    stop: async () => {
      const report = next('report');
      child.send({ type: 'stop' } satisfies ToViewers);
      return report;
    },
  };
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(250)) if (cond()) return true;
  return cond();
}

function subPlaying(fleet: Fleet, n: number): number {
  let playing = 0;
  for (let i = 1; i <= n; i++) playing += fleet.cameraStats(i).timing.filter((t) => t.stream === 'sub' && t.playing).length;
  return playing;
}

/** Wall time (ms) the simulator sent media time 0 of the sub session playing before the window began. */
function sessionStarts(fleet: Fleet, n: number, before: number): Array<number | null> {
  return Array.from({ length: n }, (_, i) => {
    const starts = fleet
      .cameraStats(i + 1)
      .timing.filter((t) => t.stream === 'sub' && t.startedAt !== null && t.startedAt <= before)
      .map((t) => t.startedAt!);
    return starts.length ? Math.max(...starts) : null;
  });
}

function snapshot(gwPid: number, viewerPid: number, fleet: Fleet) {
  const table = readProcTable();
  const viewer = table.find((p) => p.pid === viewerPid);
  const sim = process.cpuUsage();
  const stats = fleet.stats();
  return {
    at: Date.now(),
    gwTicks: treeCpuTicks(gwPid, table),
    viewerTicks: viewer ? viewer.utime + viewer.stime : 0,
    simSec: (sim.user + sim.system) / 1e6,
    machine: parseCpuTotals(readFileSync('/proc/stat', 'utf8')),
    bytesSent: stats.bytesSent,
    framesSkipped: stats.framesSkipped,
  };
}

async function measureRow(n: number, pg: PathGateway, fleet: Fleet, opts: DensityOptions): Promise<DensityRow> {
  const { gw } = pg;
  // The previous row's pipelines (either gateway) must have stopped: the simulator then sends nothing.
  await waitFor(() => fleet.stats().playingSessions === 0, (IDLE_STOP_SEC + 30) * 1000);
  const urls: string[] = [];
  for (const id of pg.ids.slice(0, n)) urls.push((await gw.api<{ url: string }>('GET', `/api/v1/cameras/${id}/live?profile=sub`)).url);
  const viewers = await startViewers(urls, opts.rampPerSec);
  const startWaitSec = Math.round(60 + n / opts.rampPerSec);
  const allPlaying = await waitFor(() => subPlaying(fleet, n) >= n, startWaitSec * 1000);
  if (!allPlaying) opts.log(`  only ${subPlaying(fleet, n)} of ${n} sub streams playing after ${startWaitSec} s\n`);
  await sleep(3000); // past each pipeline's first segment and the viewers' joins
  const a = snapshot(gw.pid, viewers.pid, fleet);
  await sleep(opts.sec * 1000);
  const b = snapshot(gw.pid, viewers.pid, fleet);
  const mem = treeMemory(gw.pid);
  const { items } = await gw.api<{ items: Array<{ state: string; restarts: number }> }>('GET', '/api/v1/streams');
  const starts = sessionStarts(fleet, n, a.at);
  const report = await viewers.stop();
  const inWindow = (at: number) => at >= a.at && at <= b.at;
  const parts = report.parts.map(fromTuple).filter((r) => inWindow(r.partAt));
  const verdicts = judgeParts(
    parts,
    (stream) => starts[stream] ?? null,
    { partTargetMs: PART_TARGET_SEC * 1000, marginMs: opts.lateMarginMs, frameMs: FRAME_MS },
  );
  const errorsInWindow = report.errors.filter(([, at]) => inWindow(at));
  const sec = (b.at - a.at) / 1000;
  const machine = (b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total);
  return {
    n,
    ingest: pg.ingest,
    gatewayCores: ticksToSeconds(b.gwTicks - a.gwTicks) / sec,
    ffmpegProcs: mem.ffmpeg,
    streamsDelivering: new Set(parts.map((p) => p.stream)).size,
    pssPerStreamMiB: (mem.pssKb - pg.idle.pssKb) / 1024 / n,
    rssPerStreamMiB: (mem.rssKb - pg.idle.rssKb) / 1024 / n,
    cameraToPartMs: verdicts.cameraToPartMs,
    late: verdicts.late,
    missing: report.missing.filter(([, at]) => inWindow(at)).reduce((s, [, , count]) => s + count, 0),
    unjudged: verdicts.unjudged,
    errors: errorsInWindow.length,
    errorKinds: countBy(errorsInWindow.map(([, , what]) => what)),
    pipelineStates: countBy(items.map((p) => p.state)),
    ingestRestarts: items.reduce((sum, p) => sum + p.restarts, 0),
    machineCores: machine * cpuCount(),
    viewerCores: ticksToSeconds(b.viewerTicks - a.viewerTicks) / sec,
    simCores: (b.simSec - a.simSec) / sec,
    simKbpsPerStream: ((b.bytesSent - a.bytesSent) * 8) / 1000 / sec / n,
    simFramesSkipped: b.framesSkipped - a.framesSkipped,
  };
}

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of items) out[k] = (out[k] ?? 0) + 1;
  return out;
}

function cpuCount(): number {
  return readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d+ /.test(l)).length;
}

export async function runDensity(opts: DensityOptions): Promise<string> {
  const maxN = Math.max(...opts.sizes);
  opts.log(`Density: encoding/caching ${maxN} simulated cameras' sub clips at ${opts.kbps} kbit/s (first run only)…\n`);
  const fleet = await startFleet({ cameras: maxN, port: 0, controlPort: null, busySubKbps: opts.kbps });
  const gateways: PathGateway[] = [];
  try {
    await fleet.prewarm(undefined, ['sub']);
    for (const ingest of opts.paths) gateways.push(await startPathGateway(ingest, fleet));
    const rows: DensityRow[] = [];
    const table = (done: DensityRow[]): string => densityTable(done, { sec: opts.sec, marginMs: opts.lateMarginMs, partTargetMs: PART_TARGET_SEC * 1000, rampPerSec: opts.rampPerSec });
    for (const [i, n] of opts.sizes.entries()) {
      // Alternating which path goes first, so neither always meets the simulator's cold clips or the other's leftovers.
      for (const pg of i % 2 === 0 ? gateways : [...gateways].reverse()) {
        opts.log(`Density N = ${n}, ingest ${pg.ingest}…\n`);
        try {
          rows.push(await measureRow(n, pg, fleet, opts));
        } catch (err) {
          // An overloaded gateway (its API timing out) ends this row, not the rows measured so far.
          opts.log(`  N = ${n}, ingest ${pg.ingest}: row failed (${(err as Error).message}); the table keeps the rows before it\n`);
          return table(rows);
        }
      }
    }
    return table(rows);
  } finally {
    for (const pg of gateways) await pg.gw.stop();
    await fleet.close();
  }
}
