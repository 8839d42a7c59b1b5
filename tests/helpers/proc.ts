import { linuxProcTable } from '../../media-gateway/src/ingest/orphan-sweeper';

/** ffmpeg processes that are children of this (test) process: the gateway runs in-process in tests. */
export function ffmpegChildren(): Array<{ pid: number; argv: string[] }> {
  return linuxProcTable.list().filter((p) => p.ppid === process.pid && /ffmpeg$/.test(p.argv[0] ?? ''));
}
