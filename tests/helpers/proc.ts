import { spawn } from 'node:child_process';
import { linuxProcTable } from '../../media-gateway/src/ingest/orphan-sweeper';

/** ffmpeg processes that are children of this (test) process: the gateway runs in-process in tests. */
export function ffmpegChildren(): Array<{ pid: number; argv: string[] }> {
  return linuxProcTable.list().filter((p) => p.ppid === process.pid && /ffmpeg$/.test(p.argv[0] ?? ''));
}

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  ms: number;
}

/** Runs a command (argument array, no shell) to its end, killed after timeoutMs; stdout kept as bytes. */
export function run(cmd: string, args: string[], timeoutMs = 20_000): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr, ms: performance.now() - started });
    });
  });
}
