/**
 * Measures the simulator: start-up of an 880-camera fleet, clip encode time, and CPU of the sim process while K
 * ffmpeg readers (`-rtsp_transport tcp -c copy -f null`) pull streams. Linux only (reads /proc).
 *
 *   npx tsx scripts/sim/bench.ts [--readers 20,50] [--profile sub|main] [--seconds 20] [--skip-startup]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const CLK_TCK = 100; // getconf CLK_TCK on Linux

async function cpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Sim {
  child: ChildProcess;
  controlUrl: string;
  startupMs: number;
  lines: string[];
  waitFor(re: RegExp, timeoutMs: number): Promise<string>;
  stop(): Promise<number>;
}

/** Run the CLI in one node process (no tsx wrapper process), so /proc/<pid> is the simulator itself. */
async function startSim(args: string[], env: NodeJS.ProcessEnv): Promise<Sim> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sim/main.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const onText = (d: Buffer): void => {
    lines.push(...d.toString().split('\n').filter(Boolean));
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onText);
  child.stderr?.on('data', onText);
  const waitFor = (re: RegExp, timeoutMs: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const hit = lines.find((l) => re.test(l));
        if (hit) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${re}; output:\n${lines.slice(-20).join('\n')}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  const summary = await waitFor(/control API (http\S+|\(disabled\))/, 120_000);
  const startupMs = performance.now() - t0;
  const controlUrl = /control API (http\S+)/.exec(summary)?.[1] ?? '';
  return {
    child,
    controlUrl,
    startupMs,
    lines,
    waitFor,
    stop: async () => {
      const t = performance.now();
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
      return performance.now() - t;
    },
  };
}

interface Camera {
  username: string;
  password: string;
  mainUrl: string;
  subUrl: string;
  profile?: { transport: string };
}

async function measureReaders(sim: Sim, cameras: Camera[], count: number, profile: 'main' | 'sub', seconds: number): Promise<string> {
  const pid = sim.child.pid ?? 0;
  const readers: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const c = cameras[i % cameras.length];
    if (!c) break;
    const u = new URL(profile === 'main' ? c.mainUrl : c.subUrl);
    u.username = c.username;
    u.password = c.password;
    const transport = c.profile?.transport === 'udp-only' ? 'udp' : 'tcp';
    readers.push(spawn('ffmpeg', ['-nostdin', '-v', 'error', '-rtsp_transport', transport, '-i', u.toString(), '-c', 'copy', '-f', 'null', '-'], { stdio: 'ignore' }));
  }
  await sleep(5_000); // connect, DESCRIBE, probe
  const stats0 = (await (await fetch(`${sim.controlUrl}/stats`)).json()) as { bytesSent: number; playingSessions: number };
  const readerPids = readers.map((r) => r.pid ?? 0).filter((p) => p > 0);
  const simT0 = await cpuTicks(pid);
  const readT0 = (await Promise.all(readerPids.map((p) => cpuTicks(p).catch(() => 0)))).reduce((a, b) => a + b, 0);
  const w0 = performance.now();
  await sleep(seconds * 1000);
  const wall = (performance.now() - w0) / 1000;
  const simCores = (await cpuTicks(pid)) - simT0;
  const readCores = (await Promise.all(readerPids.map((p) => cpuTicks(p).catch(() => 0)))).reduce((a, b) => a + b, 0) - readT0;
  const stats1 = (await (await fetch(`${sim.controlUrl}/stats`)).json()) as { bytesSent: number; playingSessions: number; framesSkipped: number };
  const rss = await rssMb(pid);
  const alive = readers.filter((r) => r.exitCode === null).length;
  for (const r of readers) r.kill('SIGTERM');
  await sleep(1_500);
  const mbps = ((stats1.bytesSent - stats0.bytesSent) * 8) / wall / 1e6;
  return (
    `${count} readers (${profile}): sim ${(simCores / CLK_TCK / wall).toFixed(3)} cores, RSS ${rss.toFixed(0)} MB, ` +
    `${mbps.toFixed(1)} Mbit/s out, playing ${stats1.playingSessions}, readers alive ${alive}/${count}, ` +
    `frames skipped ${stats1.framesSkipped}; readers together ${(readCores / CLK_TCK / wall).toFixed(3)} cores`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      readers: { type: 'string', default: '20,50' },
      profile: { type: 'string', default: 'sub' },
      seconds: { type: 'string', default: '20' },
      'skip-startup': { type: 'boolean', default: false },
      /** Camera profiles of the reader runs: uniform (the table in the README) or realistic (H.265, audio, UDP-only). */
      mix: { type: 'string', default: 'uniform' },
    },
  });
  const mix = values.mix === 'realistic' ? 'realistic' : 'uniform';
  const counts = values.readers.split(',').map(Number);
  const profile = values.profile === 'main' ? 'main' : 'sub';
  const seconds = Number(values.seconds);
  const maxReaders = Math.max(...counts);
  const cacheDir = await mkdtemp(join(tmpdir(), 'sim-bench-'));
  const env = { ...process.env, SIM_CACHE_DIR: cacheDir };
  const report: string[] = [];
  try {
    if (!values['skip-startup']) {
      const big = await startSim(['--cameras', '880', '--control-port', '0'], env);
      const inner = /in (\d+) ms/.exec(big.lines.find((l) => /cameras listening/.test(l)) ?? '')?.[1];
      const pid = big.child.pid ?? 0;
      await sleep(2_000);
      const t0 = await cpuTicks(pid);
      await sleep(5_000);
      const idle = ((await cpuTicks(pid)) - t0) / CLK_TCK / 5;
      const rss = await rssMb(pid);
      const stopMs = await big.stop();
      report.push(
        `startup --cameras 880: ${big.startupMs.toFixed(0)} ms from spawn to summary (listen phase ${inner ?? '?'} ms), ` +
          `idle ${idle.toFixed(3)} cores, RSS ${rss.toFixed(0)} MB, SIGTERM→exit ${stopMs.toFixed(0)} ms`,
      );
    }

    const nCams = Math.min(880, maxReaders);
    const sim = await startSim(['--cameras', String(nCams), '--control-port', '0', '--prewarm', '--mix', mix], env);
    const t0 = performance.now();
    await sim.waitFor(/prewarm finished/, 30 * 60_000);
    const prewarmS = (performance.now() - t0) / 1000;
    const enc = sim.lines.filter((l) => /encoded SIM-\d+ (main|sub) in \d+ ms/.test(l));
    report.push(`mix ${mix}`);
    const ms = (p: string): number[] => enc.filter((l) => l.includes(` ${p} in `)).map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));
    const avg = (xs: number[]): string => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(0) : '-');
    report.push(
      `encode: ${enc.length} clips in ${prewarmS.toFixed(1)} s with 2 parallel encodes on ${nCams} cameras; ` +
        `per clip sub avg ${avg(ms('sub'))} ms, main avg ${avg(ms('main'))} ms (wall time each, 2 running at once)`,
    );
    const cameras = (await (await fetch(`${sim.controlUrl}/cameras`)).json()) as Camera[];
    for (const n of counts) report.push(await measureReaders(sim, cameras, n, profile, seconds));
    await sim.stop();
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
  console.log(report.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
