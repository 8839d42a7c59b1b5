import { describe, expect, it } from 'vitest';
import { findOrphans, sweepOrphans, type ProcTable } from './orphan-sweeper';

const tag = 'CountyVideoGateway/0.1 (gw-abc)';
const entries = [
  { pid: 10, ppid: 1, argv: ['/usr/bin/ffmpeg', '-user_agent', tag, '-i', 'rtsp://x'] }, // orphan
  { pid: 11, ppid: 500, argv: ['/usr/bin/ffmpeg', '-user_agent', tag] }, // our own child
  { pid: 12, ppid: 1, argv: ['/usr/bin/ffmpeg', '-user_agent', 'CountyVideoGateway/0.1 (gw-other)'] }, // another data dir
  { pid: 13, ppid: 1, argv: ['/usr/bin/vim', '-user_agent', tag] }, // not ffmpeg
];

describe('orphan sweeper', () => {
  it('finds only ffmpeg with our tag that is not our child', () => {
    expect(findOrphans(entries, tag, 500).map((e) => e.pid)).toEqual([10]);
  });
  it('kills the orphans with SIGKILL', () => {
    const killed: Array<[number, string]> = [];
    const table: ProcTable = { list: () => entries, kill: (pid, sig) => void killed.push([pid, sig]) };
    expect(sweepOrphans(table, tag, 500)).toEqual([10]);
    expect(killed).toEqual([[10, 'SIGKILL']]);
  });
});
