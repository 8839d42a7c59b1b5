import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../media-gateway/src/config/load-config';
import { startGateway, type Gateway } from '../../media-gateway/src/gateway';
import { linuxProcTable } from '../../media-gateway/src/ingest/orphan-sweeper';
import { seedDemoOrgUnits } from '../../scripts/demo/seed-demo';
import { startFleet, type Fleet } from '../../scripts/sim/index';
import { LogCapture } from '../helpers/log-capture';
import { until } from '../helpers/media-probe';

const ADMIN_PASSWORD = 'orphan-test-pw-1';

describe('orphan ffmpeg from a crashed gateway', () => {
  let fleet: Fleet | undefined;
  let gw2: Gateway | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await gw2?.close();
    await fleet?.close();
  });

  it('is killed when the next gateway starts on the same data dir', async () => {
    fleet = await startFleet({ cameras: 1, port: 0, controlPort: null, prewarm: false });
    const cam = fleet.cameras[0]!;
    fleet.stall(cam.index); // ffmpeg then hangs on the camera instead of exiting by itself
    const dataDir = mkdtempSync(join(tmpdir(), 'cvg-orphan-'));
    const configFile = join(dataDir, 'gateway.json');
    // The simulated camera lives on loopback, which the stream address policy refuses unless allowed.
    // ingest: ffmpeg — the orphans in question are ffmpeg children (the in-process path has none to leave behind).
    writeFileSync(configFile, JSON.stringify({ streams: { ioTimeoutSec: 60, stallTimeoutSec: 120, ingest: 'ffmpeg' }, cameras: { allowedNetworks: ['127.0.0.0/8'] } }));

    // Gateway 1, a separate process that we will crash.
    const gw1 = spawn(process.execPath, ['--import', 'tsx', 'media-gateway/src/main.ts', '--http1', '--port', '0', '--data-dir', dataDir, '--config', configFile, '--log-level', 'warn'], {
      env: { ...process.env, ADMIN_PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child = gw1;
    gw1.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await until(async () => /Gateway ready: (\S+)/.exec(out)?.[1], 30_000, 'gateway 1 to start');
    const api = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
      const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return (await res.json()) as T;
    };
    const { token } = await api<{ token: string }>('POST', '/api/v1/session', { username: 'admin', password: ADMIN_PASSWORD });
    await api('POST', '/api/v1/org-units', { id: '141130', name: '交口县', nameEn: null, level: 'county', parentId: null, lat: null, lng: null }, token);
    // ?test=false: the camera is stalled on purpose, so the stream test on create would refuse it.
    const created = await api<{ id: string }>('POST', '/api/v1/cameras?test=false', { name: 'orphan test', orgUnitId: '141130', category: 1, sourceType: 'rtsp', host: cam.host, rtspPort: cam.port, subStreamUri: cam.subUrl, username: cam.username, password: cam.password }, token);
    expect(created.id, 'camera created').toBeTruthy();
    const live = await api<{ url: string }>('GET', `/api/v1/cameras/${created.id}/live`, undefined, token);
    void fetch(live.url).catch(() => undefined); // starts the pipeline; the playlist waits for a camera that never answers

    // Its only ffmpeg child pulls this camera (the camera URL is not on its command line, so not told by that).
    const ffmpegOf = (ppid: number) => linuxProcTable.list().filter((p) => /ffmpeg$/.test(p.argv[0] ?? '') && p.ppid === ppid);
    const alive = (pid: number) => linuxProcTable.list().some((p) => p.pid === pid && /ffmpeg$/.test(p.argv[0] ?? ''));
    await until(async () => ffmpegOf(gw1.pid!).length === 1, 10_000, 'ffmpeg child of gateway 1');
    const orphanPid = ffmpegOf(gw1.pid!)[0]!.pid;

    gw1.kill('SIGKILL');
    await new Promise((r) => gw1.once('exit', r));
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(orphanPid)).toBe(true); // survived its parent: an orphan

    const logs = new LogCapture();
    gw2 = await startGateway(loadConfig({ env: {}, file: configFile, overrides: { dataDir, http1: true, port: 0, logLevel: 'info' } }), { logDestination: logs, env: { ADMIN_PASSWORD }, announce: () => {} });
    seedDemoOrgUnits(gw2);
    await until(async () => !alive(orphanPid), 5000, 'orphan killed');
    expect(logs.text()).toContain('killed orphan ffmpeg');
  });
});
