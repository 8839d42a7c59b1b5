import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { READY_MESSAGE, Supervisor } from './supervisor';

/** A child that reports ready (or not), then behaves as told: crash with code 1, exit 0, or wait for a signal. */
const child = (script: string) => () => spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
const ready = `process.send(${JSON.stringify(READY_MESSAGE)});`;
const fast = { initialMs: 20, maxMs: 40 };

describe('Supervisor', () => {
  it('restarts a child that crashed after it came up, with backoff, until it ends cleanly', async () => {
    let launches = 0;
    const lines: string[] = [];
    const sup = new Supervisor({
      // The third run ends cleanly (code 0), which ends supervision.
      spawn: () => child(`${ready} setTimeout(() => process.exit(${++launches < 3 ? 1 : 0}), 50);`)(),
      backoff: fast,
      write: (t) => lines.push(t),
    });
    expect(await sup.run()).toBe(0);
    expect(launches).toBe(3);
    expect(sup.restarts).toBe(2);
    expect(lines[0]).toMatch(/gateway exited \(code 1\); restarting in/);
  });

  it('restarts a child killed by SIGKILL (OOM killer)', async () => {
    let launches = 0;
    const sup = new Supervisor({
      spawn: () => {
        const c = child(`${ready} setInterval(() => {}, 1000);`)();
        if (++launches === 1) c.once('message', () => c.kill('SIGKILL'));
        else c.once('message', () => sup.stop('SIGTERM'));
        return c;
      },
      backoff: fast,
      write: () => undefined,
    });
    expect(await sup.run()).toBe(0);
    expect(launches).toBe(2);
  });

  it('does not retry a child that fails before it is ready (bad flags, port taken): its code is ours', async () => {
    let launches = 0;
    const spawnFailing = () => {
      launches++;
      return child('process.exit(2);')();
    };
    const sup = new Supervisor({ spawn: spawnFailing, backoff: fast, write: () => undefined });
    expect(await sup.run()).toBe(2);
    expect(launches).toBe(1);
  });
});
