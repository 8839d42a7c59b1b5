/** The density table and its goals (issue 12), pure. */
import { percentile } from '../proc-stats';

export const INGEST_PATHS = ['auto', 'ffmpeg'] as const;
export type IngestPath = (typeof INGEST_PATHS)[number];

export interface DensityRow {
  n: number;
  ingest: IngestPath;
  /** Gateway process and all its descendants (ffmpeg children), cores over the window. */
  gatewayCores: number;
  /** ffmpeg processes under the gateway at the end of the window. */
  ffmpegProcs: number;
  /** Streams of which the viewer got at least one part in the window. */
  streamsDelivering: number;
  /** (gateway tree now − idle gateway) / N, MiB. */
  pssPerStreamMiB: number;
  rssPerStreamMiB: number;
  cameraToPartMs: number[];
  late: number;
  missing: number;
  unjudged: number;
  errors: number;
  /** Error messages (failed requests, non-200 answers, discontinuities) → count. */
  errorKinds: Record<string, number>;
  /** The gateway's pipelines at the end of the window (GET /api/v1/streams): state → count, and their restarts. */
  pipelineStates: Record<string, number>;
  ingestRestarts: number;
  /** Whole machine (/proc/stat) and the viewer process, cores over the window. */
  machineCores: number;
  viewerCores: number;
  /** The simulator (the bench's own process) and what it sent per stream. */
  simCores: number;
  simKbpsPerStream: number;
  simFramesSkipped: number;
}

export const GOALS = { streamsPerCore: 200, pssPerStreamMiB: 4, p95Ms: 150, p95AtN: 200 } as const;

const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const verdict = (ok: boolean) => (ok ? 'met' : 'missed');

export function streamsPerCore(r: DensityRow): number {
  return r.gatewayCores > 0 ? r.n / r.gatewayCores : Infinity;
}

/** ≥ 200 watched streams per core of gateway CPU (children included), every stream delivering, none late or missing. */
export function densityGoalMet(r: DensityRow): boolean {
  return streamsPerCore(r) >= GOALS.streamsPerCore && r.late === 0 && r.missing === 0 && r.streamsDelivering === r.n;
}

export function densityTable(rows: readonly DensityRow[], opts: { sec: number; marginMs: number; partTargetMs: number; rampPerSec: number }): string {
  const head = [
    `| N | ingest | streams delivering | gateway CPU (cores) | streams per core | ffmpeg procs | PSS per stream (MiB) | RSS per stream (MiB) | parts | late | missing | camera→part p50 (ms) | p95 (ms) | max (ms) | errors | ≥ ${GOALS.streamsPerCore}/core, none late | ≤ ${GOALS.pssPerStreamMiB} MiB | p95 ≤ ${GOALS.p95Ms} ms at N = ${GOALS.p95AtN} |`,
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |',
  ];
  const lines = rows.map((r) => {
    const lat = r.cameraToPartMs;
    const p95 = percentile(lat, 95);
    const p95Goal = r.n !== GOALS.p95AtN ? '–' : Number.isFinite(p95) ? verdict(p95 <= GOALS.p95Ms) : 'missed';
    return `| ${r.n} | ${r.ingest} | ${r.streamsDelivering} | ${f(r.gatewayCores, 3)} | ${f(streamsPerCore(r), 0)} | ${r.ffmpegProcs} | ${f(r.pssPerStreamMiB, 2)} | ${f(r.rssPerStreamMiB, 2)} | ${lat.length} | ${r.late} | ${r.missing} | ${f(percentile(lat, 50), 0)} | ${f(p95, 0)} | ${f(lat.length ? Math.max(...lat) : NaN, 0)} | ${r.errors} | ${verdict(densityGoalMet(r))} | ${verdict(r.pssPerStreamMiB <= GOALS.pssPerStreamMiB)} | ${p95Goal} |`;
  });
  const load = [
    '| N | ingest | machine busy (cores) | viewer process (cores) | simulator (cores) | sent per stream (kbit/s) | frames the simulator skipped | parts not judged | gateway pipelines | ingest restarts |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...rows.map((r) => {
      const states = Object.entries(r.pipelineStates).map(([k, c]) => `${k} ×${c}`).join(', ') || 'none';
      return `| ${r.n} | ${r.ingest} | ${f(r.machineCores, 2)} | ${f(r.viewerCores, 2)} | ${f(r.simCores, 2)} | ${f(r.simKbpsPerStream, 0)} | ${r.simFramesSkipped} | ${r.unjudged} | ${states} | ${r.ingestRestarts} |`;
    }),
  ];
  const kinds = rows
    .filter((r) => r.errors > 0)
    .map((r) => `- N = ${r.n} ${r.ingest}: ${Object.entries(r.errorKinds).sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ×${c}`).join(', ')}`);
  return `${[...head, ...lines].join('\n')}\n\n${load.join('\n')}\n${kinds.length ? `\nErrors in the window:\n${kinds.join('\n')}\n` : ''}
Density: N simulated cameras' sub streams, each watched by one LL-HLS viewer (blocking playlist reloads and every part,
as hls.js does; all viewers in one separate process, started ${opts.rampPerSec} per second), ${opts.sec} s per row once every
pipeline is playing; each ingest path in its own gateway, taking turns per N (which goes first alternates). gateway CPU: utime+stime of the gateway, its live descendants and the
children it reaped (/proc). PSS/RSS per stream: (gateway + descendants) minus the idle gateway, over N. A part is late
when the viewer had it more than PART-TARGET (${opts.partTargetMs} ms) + ${opts.marginMs} ms after the camera sent the
frame that ends it; missing: parts of the sequence the viewer could never fetch (fell out of the part window, 404).
camera→part: the simulator's send of a part's newest frame to the viewer holding the whole part. The first goal also
requires every stream delivering and no missing part. 'auto' runs ffmpeg until the in-process ingest is wired (see ffmpeg procs).\n`;
}
