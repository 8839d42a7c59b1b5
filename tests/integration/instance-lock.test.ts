import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../media-gateway/src/config/load-config';
import { startGateway, type Gateway } from '../../media-gateway/src/gateway';
import { linuxProcessProbe } from '../../media-gateway/src/platform/instance-lock';
import { LogCapture } from '../helpers/log-capture';

/** A stale gateway.lock left by a crash, whose pid now belongs to an unrelated live process (pids wrap). */
describe('instance lock naming a live unrelated process', () => {
  let sleeper: ChildProcess;
  let dataDir: string;
  let gw: Gateway | undefined;
  const lockFile = () => join(dataDir, 'gateway.lock');
  const start = () =>
    startGateway(loadConfig({ env: {}, overrides: { dataDir, http1: true, port: 0, logLevel: 'warn', health: { enabled: false } } }), {
      logDestination: new LogCapture(),
      env: { ADMIN_PASSWORD: 'lock-test-pw-Q4' },
      announce: () => {},
    });

  beforeAll(() => {
    sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
  });
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterAll(() => {
    sleeper.kill('SIGKILL');
  });

  it('a plain-pid lock written before that process started is stale: the gateway starts', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cvg-lock-'));
    writeFileSync(lockFile(), String(sleeper.pid));
    const anHourAgo = new Date(Date.now() - 3600_000);
    utimesSync(lockFile(), anHourAgo, anHourAgo);
    gw = await start();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('a lock with the live pid but another start time is stale: the gateway starts', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cvg-lock-'));
    writeFileSync(lockFile(), JSON.stringify({ pid: sleeper.pid, startTicks: '1', bootId: linuxProcessProbe.bootId() }));
    gw = await start();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('a lock naming that process with its own start time and boot id holds: the gateway refuses', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cvg-lock-'));
    const holder = { pid: sleeper.pid, startTicks: linuxProcessProbe.startTicks(sleeper.pid!), bootId: linuxProcessProbe.bootId() };
    writeFileSync(lockFile(), JSON.stringify(holder));
    await expect(start()).rejects.toThrow(`another gateway (pid ${sleeper.pid})`);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual(holder);
  });
});
