import { describe, expect, it } from 'vitest';
import { findOrphans, ORPHAN_TAG_ENV, sweepOrphans, type ProcTable } from './orphan-sweeper';

const tag = 'CountyVideoGateway/0.1 (gw-abc)';
const ingest = ['/usr/bin/ffmpeg', '-f', 'concat', '-i', 'pipe:0'];
const entries = [
  { pid: 10, ppid: 1, argv: ingest }, // orphan
  { pid: 11, ppid: 500, argv: ingest }, // our own child
  { pid: 12, ppid: 1, argv: ingest }, // another data dir
  { pid: 13, ppid: 1, argv: ['/usr/bin/vim'] }, // not ffmpeg
  { pid: 14, ppid: 1, argv: ingest }, // an ffmpeg someone else runs
  { pid: 15, ppid: 1, argv: ['/usr/bin/ffmpeg', '-user_agent', tag, '-i', 'rtsp://x'] }, // orphan of an older gateway
];
const environ: Record<number, string[]> = {
  10: ['PATH=/usr/bin', `${ORPHAN_TAG_ENV}=${tag}`],
  11: [`${ORPHAN_TAG_ENV}=${tag}`],
  12: [`${ORPHAN_TAG_ENV}=CountyVideoGateway/0.1 (gw-other)`],
  13: [`${ORPHAN_TAG_ENV}=${tag}`],
  14: ['PATH=/usr/bin'],
};

function table(killed: Array<[number, string]> = []): ProcTable {
  return { list: () => entries, environ: (pid) => environ[pid] ?? [], kill: (pid, sig) => void killed.push([pid, sig]) };
}

describe('orphan sweeper', () => {
  it('finds only ffmpeg with our tag (environment, or the old -user_agent argument) that is not our child', () => {
    expect(findOrphans(table(), tag, 500).map((e) => e.pid)).toEqual([10, 15]);
  });
  it('kills the orphans with SIGKILL', () => {
    const killed: Array<[number, string]> = [];
    expect(sweepOrphans(table(killed), tag, 500)).toEqual([10, 15]);
    expect(killed).toEqual([[10, 'SIGKILL'], [15, 'SIGKILL']]);
  });
});
