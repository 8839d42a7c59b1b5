/**
 * npm run bench:streams [-- --sizes 1,10,50 --window 10 --ttff-gops 1,2,4 --ttff-tries 20 --ttff-starts first,cold,warm --h265 0|1
 *                          --g2g-sec 60 --g2g-gops 1,2 --g2g-main-gops 2 --density-sizes 50,100,200,400 --density-sec 30
 *                          --ingest-paths auto,ffmpeg --density-kbps 800 --density-late-margin-ms 100 --density-ramp 10]
 * Quick density check: `-- --density-sizes 20 --density-sec 10 --sizes '' --ttff-tries 0 --h265 0 --g2g-sec 0`.
 * Profile the gateway under load: `BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` (gateway only).
 * 1. N concurrent pipelines from the simulator (plain-colour clips; the predecessor of the density table, section 5) through a gateway process, one LL-HLS viewer each (blocking playlist
 *    reloads + every part fetched, as hls.js does). Prints one table row per N (`--sizes ''` skips it).
 * 2. Time to first frame in Chromium per camera GOP, first/cold/warm, plain hls.js and the console's player
 *    (ttff-bench.ts; `--ttff-tries 0` skips it, `--ttff-tries 5` for a quick run, `--ttff-starts warm` for one start).
 * 3. H.265 passthrough vs H.264 remux cost, and transcode cost/bitrate (bench-h265.ts; `--h265 0` skips it).
 * 4. Glass-to-glass latency and rebuffering in Chromium (g2g-bench.ts): for each GOP in `--g2g-gops` the sub stream,
 *    and for each GOP in `--g2g-main-gops` also the main stream, played `--g2g-sec` seconds (`0` skips it) by the
 *    console's own player and by plain hls.js in low-latency mode.
 * 5. Density (density/density-bench.ts): N = `--density-sizes` watched sub streams (~`--density-kbps` kbit/s, moving
 *    picture, one LL-HLS viewer each in a separate process) for `--density-sec` s per row, for each ingest path in
 *    `--ingest-paths` (streams.ingest: auto = in-process, ffmpeg) in the same run: gateway CPU (children included),
 *    PSS/RSS per stream, late/missing parts, camera→part p50/p95, goals met/missed. `--density-sizes ''` skips it;
 *    `--density-late-margin-ms` is the grace beyond PART-TARGET before a part counts as late; `--density-ramp` viewers
 *    (pipelines) start per second (default 10: 50 ffmpeg started in one second on 2 loaded cores mostly stalled).
 *    N = 400 takes the whole machine: run it alone (`flock -w 1200 /work/wt/heavy.lock npm run bench:streams -- …`).
 */
import { parseArgs } from 'node:util';
import { startFleet, type Fleet } from '../sim/index';
import { childrenOf, cpuSeconds, percentile, pssMiB, rssMiB } from './proc-stats';
import { startGatewayProcess, type GatewayProcess } from './gateway-process';
import { followStream, type FollowResult } from './ll-hls-follower';
import { benchH265 } from './bench-h265';
import { runTtff, TTFF_STARTS, ttffTable, type TtffStart } from './ttff-bench';
import { g2gPlan, g2gTable, runG2gBench } from './g2g-bench';
import { createBenchOrgUnit, registerCameras } from './fleet-cameras';
import { runDensity } from './density/density-bench';
import { INGEST_PATHS, type IngestPath } from './density/density-table';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,10,50' },
    window: { type: 'string', default: '10' },
    'ttff-gops': { type: 'string', default: '1,2,4' },
    'ttff-tries': { type: 'string', default: '20' },
    'ttff-starts': { type: 'string', default: TTFF_STARTS.join(',') },
    h265: { type: 'string', default: '1' },
    'g2g-sec': { type: 'string', default: '60' },
    'g2g-gops': { type: 'string', default: '1,2' },
    'g2g-main-gops': { type: 'string', default: '2' },
    'density-sizes': { type: 'string', default: '50,100,200,400' },
    'density-sec': { type: 'string', default: '30' },
    'ingest-paths': { type: 'string', default: INGEST_PATHS.join(',') },
    'density-kbps': { type: 'string', default: '800' },
    'density-late-margin-ms': { type: 'string', default: '100' },
    'density-ramp': { type: 'string', default: '10' },
  },
});
const sizes = values.sizes.split(',').filter(Boolean).map(Number);
const ttffGops = values['ttff-gops'].split(',').filter(Boolean).map(Number);
const ttffTries = Number(values['ttff-tries']);
const ttffStarts = values['ttff-starts'].split(',').filter(Boolean).map((s) => {
  if (!(TTFF_STARTS as readonly string[]).includes(s)) throw new Error(`--ttff-starts: ${TTFF_STARTS.join(', ')}, not ${s}`);
  return s as TtffStart;
});
const windowSec = Number(values.window);
const maxN = Math.max(0, ...sizes);
const g2gSec = Number(values['g2g-sec']);
const gopList = (v: string) => v.split(',').filter(Boolean).map(Number);
const g2gRuns = g2gPlan(gopList(values['g2g-gops']), gopList(values['g2g-main-gops']));
const densitySizes = gopList(values['density-sizes']);
const ingestPaths = values['ingest-paths'].split(',').filter(Boolean).map((s) => {
  if (!(INGEST_PATHS as readonly string[]).includes(s)) throw new Error(`--ingest-paths: ${INGEST_PATHS.join(', ')}, not ${s}`);
  return s as IngestPath;
});
for (const [flag, v] of [['density-sec', values['density-sec']], ['density-kbps', values['density-kbps']], ['density-late-margin-ms', values['density-late-margin-ms']], ['density-ramp', values['density-ramp']]] as const) {
  if (!(Number(v) >= 0) || (flag === 'density-ramp' && !(Number(v) > 0))) throw new Error(`--${flag}: a number, not ${v}`);
}
if (densitySizes.some((n) => !Number.isInteger(n) || n < 1 || n > 880)) throw new Error('--density-sizes: whole numbers 1..880 (the simulator fleet size)');

interface Row {
  n: number;
  gwCores: number;
  gwRss: number;
  gwRssPer: number;
  ffCoresPer: number;
  ffPssPer: number;
  firstSegMedian: number;
  firstSegP95: number;
  latencyMedian: number;
  latencyP95: number;
  errors: number;
}

async function runSize(n: number, gw: GatewayProcess, fleet: Fleet, ids: string[], idleRss: number): Promise<Row> {
  const stop = { requested: false };
  const results: Array<Promise<FollowResult>> = [];
  for (let i = 0; i < n; i++) {
    const { url } = await gw.api<{ url: string }>('GET', `/api/v1/cameras/${ids[i]}/live?profile=sub`);
    results.push(followStream(url, stop, () => fleet.cameraStats(fleet.cameras[i]!.index).lastPlayStartedAt));
  }
  await new Promise((r) => setTimeout(r, 4000)); // warm-up: every pipeline started and steady
  const ffPids = childrenOf(gw.pid, /ffmpeg$/);
  const gw0 = cpuSeconds(gw.pid);
  const ff0 = ffPids.map(cpuSeconds);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, windowSec * 1000));
  const elapsed = (Date.now() - t0) / 1000;
  const gwCores = (cpuSeconds(gw.pid) - gw0) / elapsed;
  const ffCores = ffPids.reduce((sum, pid, i) => sum + (cpuSeconds(pid) - ff0[i]!), 0) / elapsed;
  const gwRss = rssMiB(gw.pid);
  const ffPss = ffPids.reduce((s, pid) => s + pssMiB(pid), 0);
  stop.requested = true;
  const done = await Promise.all(results);
  const firstSeg = done.map((d) => d.firstSegmentMs).filter((x): x is number => x !== null);
  const lat = done.flatMap((d) => d.partLatenciesMs);
  // Let every pipeline reach its idle stop before the next size.
  for (let i = 0; i < 40 && childrenOf(gw.pid, /ffmpeg$/).length > 0; i++) await new Promise((r) => setTimeout(r, 500));
  return {
    n,
    gwCores,
    gwRss,
    gwRssPer: (gwRss - idleRss) / n,
    ffCoresPer: ffCores / Math.max(1, ffPids.length),
    ffPssPer: ffPss / Math.max(1, ffPids.length),
    firstSegMedian: percentile(firstSeg, 50),
    firstSegP95: percentile(firstSeg, 95),
    latencyMedian: percentile(lat, 50),
    latencyP95: percentile(lat, 95),
    errors: done.reduce((s, d) => s + d.errors, 0) + (n - ffPids.length !== 0 ? Math.abs(n - ffPids.length) : 0),
  };
}

async function loadTable(gw: GatewayProcess): Promise<void> {
  process.stdout.write(`Encoding/caching ${maxN} simulated cameras' clips (first run only)…\n`);
  const fleet = await startFleet({ cameras: maxN, port: 0, controlPort: null, prewarm: true });
  await fleet.prewarmDone;
  try {
    const ids = await registerCameras(gw, fleet);
    const idleRss = rssMiB(gw.pid);
    const rows: Row[] = [];
    for (const n of sizes) {
      process.stdout.write(`N = ${n}…\n`);
      rows.push(await runSize(n, gw, fleet, ids, idleRss));
    }
    const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
    const lines = [
      '| N | gateway CPU (cores) | gateway RSS (MiB) | gateway RSS added per stream (MiB) | ffmpeg CPU per stream (cores) | ffmpeg PSS per stream (MiB) | first segment median (ms) | first segment p95 (ms) | camera→part available median (ms) | p95 (ms) | est. glass-to-glass (s) | errors |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map((r) =>
        `| ${r.n} | ${f(r.gwCores, 3)} | ${f(r.gwRss, 0)} | ${f(r.gwRssPer, 1)} | ${f(r.ffCoresPer, 4)} | ${f(r.ffPssPer, 1)} | ${f(r.firstSegMedian, 0)} | ${f(r.firstSegP95, 0)} | ${f(r.latencyMedian, 0)} | ${f(r.latencyP95, 0)} | ${f((r.latencyMedian + 600 + 40) / 1000, 2)} | ${r.errors} |`,
      ),
    ];
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
    process.stdout.write(
      'camera→part available: wall time a part became fetchable (blocking reload answered) minus the wall time the simulator sent\n' +
        'the last frame in it. est. glass-to-glass = that + 0.6 s LL-HLS PART-HOLD-BACK the player keeps + one frame to render.\n',
    );
    // --h265 0 skips it: H.265 passthrough vs H.264 remux cost, transcode cost/bitrate/lag (one 1080p stream each).
    if (values.h265 !== '0') process.stdout.write(`\n${await benchH265(gw, windowSec)}\n\n`);
  } finally {
    await fleet.close();
  }
}

async function main() {
  if (densitySizes.length > 0 && ingestPaths.length > 0) {
    const table = await runDensity({
      sizes: densitySizes,
      sec: Number(values['density-sec']),
      paths: ingestPaths,
      kbps: Number(values['density-kbps']),
      lateMarginMs: Number(values['density-late-margin-ms']),
      rampPerSec: Number(values['density-ramp']),
      log: (line) => process.stdout.write(line),
    });
    process.stdout.write(`\n${table}\n`);
  }
  const gw = await startGatewayProcess({ streams: { idleStopSec: 3, maxPipelines: 500 } });
  try {
    await createBenchOrgUnit(gw);
    if (sizes.length > 0) await loadTable(gw);
    if (ttffTries > 0 && ttffGops.length > 0) {
      const rows = await runTtff(gw, ttffGops, ttffTries, (line) => process.stdout.write(line), ttffStarts);
      process.stdout.write(`\n${ttffTable(rows, ttffTries)}\n`);
    }
    if (g2gSec > 0 && g2gRuns.length > 0) {
      const rows = await runG2gBench(gw, g2gRuns, g2gSec, (line) => process.stdout.write(line));
      process.stdout.write(`\n${g2gTable(rows, g2gSec)}\n`);
    }
  } finally {
    await gw.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
