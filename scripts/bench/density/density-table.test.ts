import { describe, expect, it } from 'vitest';
import { densityGoalMet, densityTable, type DensityRow } from './density-table';

const row = (over: Partial<DensityRow>): DensityRow => ({
  n: 200, ingest: 'auto', gatewayCores: 0.8, ffmpegProcs: 0, streamsDelivering: 200, pssPerStreamMiB: 3.5, rssPerStreamMiB: 4, cameraToPartMs: [100, 120, 140],
  late: 0, missing: 0, unjudged: 0, errors: 0, errorKinds: {}, pipelineStates: { live: 200 }, ingestRestarts: 0, machineCores: 1.5, viewerCores: 0.3, simCores: 0.2, simKbpsPerStream: 810, simFramesSkipped: 0,
  ...over,
});

const cells = (table: string, n: number, ingest: string) =>
  table.split('\n').find((l) => l.startsWith(`| ${n} | ${ingest} | `) && l.split('|').length > 12)!.split('|').map((c) => c.trim());

describe('density goals', () => {
  it('needs 200 streams per gateway core with no late and no missing part', () => {
    expect(densityGoalMet(row({}))).toBe(true); // 250 per core
    expect(densityGoalMet(row({ gatewayCores: 1.01 }))).toBe(false); // 198 per core
    expect(densityGoalMet(row({ late: 1 }))).toBe(false);
    expect(densityGoalMet(row({ missing: 2 }))).toBe(false);
    expect(densityGoalMet(row({ streamsDelivering: 199 }))).toBe(false); // a stream that never played is no success
  });

  it('marks memory per row and the p95 goal only at N = 200', () => {
    const t = densityTable([row({}), row({ ingest: 'ffmpeg', pssPerStreamMiB: 13.2, cameraToPartMs: [100, 200] }), row({ n: 100, cameraToPartMs: [900] })], { sec: 30, marginMs: 100, partTargetMs: 200, rampPerSec: 10 });
    expect(cells(t, 200, 'auto').slice(-4, -1)).toEqual(['met', 'met', 'met']);
    expect(cells(t, 200, 'ffmpeg').slice(-4, -1)).toEqual(['met', 'missed', 'missed']);
    expect(cells(t, 100, 'auto').at(-2)).toBe('–');
    expect(cells(t, 200, 'auto')[12]).toBe('120'); // p50
  });
});
