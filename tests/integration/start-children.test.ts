import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/media-probe';

/** Alive and not a zombie (a reparented zombie is reaped by init soon after). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** `npm start`'s simulated fleet must not outlive it: signals, crashes, process.exit() and SIGKILL. */
describe('launcher children die with the launcher', () => {
  const spawned: number[] = [];
  afterEach(() => {
    for (const pid of spawned.splice(0)) if (running(pid)) process.kill(pid, 'SIGKILL');
  });

  const launch = async (mode: string): Promise<{ parent: ChildProcess; simPid: number; port: number }> => {
    const port = await freePort();
    const parent = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/launcher/launcher-parent.ts', mode, String(port)], { stdio: ['ignore', 'pipe', 'ignore'] });
    spawned.push(parent.pid!);
    let out = '';
    parent.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const simPid = await until(async () => Number(/ready (\d+)/.exec(out)?.[1]) || null, 60_000, 'the simulated fleet to listen');
    spawned.push(simPid);
    expect(running(simPid)).toBe(true);
    return { parent, simPid, port };
  };
  const controlApiUp = async (port: number) => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/cameras`)).ok;
    } catch {
      return false;
    }
  };

  for (const [mode, kill] of [
    ['wait', 'SIGKILL'],
    ['wait', 'SIGTERM'],
    ['wait', 'SIGHUP'],
    ['crash', null],
    ['reject', null],
    ['exit', null],
  ] as const) {
    it(`${kill ? `launcher ${kill}` : `launcher ${mode}`}: the fleet exits and frees its ports`, async () => {
      const { parent, simPid, port } = await launch(mode);
      if (kill) parent.kill(kill);
      await until(async () => parent.exitCode !== null || parent.signalCode !== null, 15_000, 'the launcher to end');
      await until(async () => !running(simPid), 10_000, 'the simulated fleet to exit');
      expect(await controlApiUp(port)).toBe(false);
    });
  }
});
