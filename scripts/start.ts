/**
 * `npm start`: the product on its embedded default. Gateway + SQLite in a worker process that this one supervises
 * (restarted with backoff if it crashes after it came up, launcher/supervisor.ts); when no cameras are registered
 * (or only simulated ones), the simulated fleet in a child of the worker, registered into the demo county; the
 * Electron console where its binary exists, otherwise the console URL for a browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { GATEWAY_FLAG_HELP, gatewayFlagOptions, gatewayOverridesFromFlags } from '../media-gateway/src/config/cli-flags';
import { loadConfig } from '../media-gateway/src/config/load-config';
import { startGateway, type Gateway } from '../media-gateway/src/gateway';
import { ChildReaper } from './launcher/child-reaper';
import { READY_MESSAGE, Supervisor } from './launcher/supervisor';
import { isStorageUnavailable } from '../media-gateway/src/platform/errors';
import { onParentGone } from './sim/parent-watch';
import { spawnSimFleet, waitForSimListening } from './launcher/sim-child';
import { chooseSimPorts, parseSimPort, realPortProbe, simFleetRange } from './launcher/sim-ports';
import { registerSimCameras, registeredSimCameraCount, registeredSimRtspPort, repointSimCameras, seedDemoOrgUnits, type SimCameraLike } from './demo/seed-demo';
import { DEFAULT_BASE_OCTETS } from './sim/fleet';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELP = `npm start -- [flags]   gateway + SQLite + simulated fleet + console

${GATEWAY_FLAG_HELP}
  --cameras N       size of the simulated fleet when no cameras are registered (default 8, up to 880)
  --no-electron     do not open the desktop console; print the browser URL instead
  --sim-port N      RTSP port of the simulated cameras (default: the one they were registered with, else 8554, or
                    the next free one when another instance holds it; 0 = an ephemeral port per camera)
  --sim-control-port N  control API port of the simulated fleet (default: an ephemeral one, printed)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function simCameraList(controlUrl: string): Promise<SimCameraLike[]> {
  const res = await fetch(`${controlUrl}/cameras`);
  if (!res.ok) throw new Error(`simulated fleet control API answered ${res.status}`);
  return (await res.json()) as SimCameraLike[];
}

function electronBinary(): string | null {
  try {
    const req = createRequire(import.meta.url);
    const pkgDir = dirname(req.resolve('electron/package.json'));
    if (!existsSync(join(pkgDir, 'path.txt'))) return null;
    const bin = (req('electron') as unknown as string) ?? null;
    return bin && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const children = new ChildReaper();
let gateway: Gateway | null = null;

async function main(): Promise<void> {
  children.installExitHooks(
    async () => {
      await gateway?.close();
    },
    undefined,
    // A database locked by another process is a passing condition, not a crash (the transaction rolled back).
    (err) => isStorageUnavailable(err),
  );
  // The supervisor was killed (SIGKILL included): nobody would restart or stop us, so end as on Ctrl+C.
  onParentGone(() => process.kill(process.pid, 'SIGTERM'));
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { ...gatewayFlagOptions, cameras: { type: 'string' }, 'no-electron': { type: 'boolean' }, 'sim-port': { type: 'string' }, 'sim-control-port': { type: 'string' } },
    strict: true,
  });
  if (values.help) return void process.stdout.write(HELP);
  const cameras = values.cameras === undefined ? 8 : Number(values.cameras);
  if (!Number.isInteger(cameras) || cameras < 1 || cameras > 880) fail(`--cameras: must be a whole number from 1 to 880 (got "${values.cameras}")`);
  let simPort: number | undefined;
  let simControlPort: number;
  try {
    simPort = parseSimPort(values['sim-port']);
    simControlPort = parseSimPort(values['sim-control-port'], '--sim-control-port') ?? 0;
  } catch (err) {
    fail((err as Error).message);
  }
  if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) fail('ffmpeg is missing: run `npm run setup` (or apt-get install -y ffmpeg)');

  if (!existsSync(join(root, 'renderer/dist/index.html'))) {
    process.stdout.write('Building the console (first start)…\n');
    const build = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) fail('renderer build failed');
  }

  const config = loadConfig({ file: values.config, overrides: { rendererDir: join(root, 'renderer/dist'), ...gatewayOverridesFromFlags(values) } });
  // The simulated fleet listens on loopback 127.1.X.Y: the stream test and registration must reach it.
  config.cameras.allowedNetworks = [...config.cameras.allowedNetworks, `${DEFAULT_BASE_OCTETS.join('.')}.0.0/16`];
  const gw = (gateway = await startGateway(config));
  const seeded = seedDemoOrgUnits(gw);
  if (seeded) process.stdout.write(`Loaded the demo county org tree (${seeded} org units, DEMO DATA).\n`);
  // Up: from now on a crash is restarted by the supervisor.
  process.send?.(READY_MESSAGE);

  const registered = registeredSimCameraCount(gw);
  if (registered.total === 0 || registered.sim === registered.total) {
    const count = registered.total === 0 ? cameras : registered.sim;
    // The demo fleet is an extra: whatever stops it, the gateway stays up and the user is told why.
    await startDemoFleet(gw, { count, register: registered.total === 0, requested: simPort, controlPort: simControlPort }).catch((err: unknown) => {
      const reason = (err as Error).message;
      gw.log.warn({ reason }, 'simulated camera fleet did not start; the gateway runs without it');
      process.stdout.write(`\nThe simulated camera fleet did not start: ${reason}.\nThe gateway keeps running without it (try \`npm start -- --sim-port N\` with a free port).\n`);
    });
  }

  const electron = values['no-electron'] ? null : electronBinary();
  const electronMain = join(root, 'electron/dist/main.js');
  if (electron && !existsSync(electronMain)) spawnSync(process.execPath, [join(root, 'electron/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (electron && existsSync(electronMain)) {
    // Chromium refuses its sandbox as root (kiosk PCs should not run the console as root).
    const extra = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    // Closing the console ends the product: the same way out as Ctrl+C.
    children.add(spawn(electron, [electronMain, `--gateway=${gw.url}`, ...extra], { cwd: root, stdio: 'inherit' })).once('exit', () => process.kill(process.pid, 'SIGTERM'));
    process.stdout.write(`Console opened in Electron. Gateway: ${gw.url}\n`);
  } else {
    process.stdout.write(`\nConsole: ${gw.url}/   (open in Chromium or Chrome${config.http1 ? '' : '; the certificate is self-signed'})\n`);
    process.stdout.write('Log in as "admin" (password: ADMIN_PASSWORD, or the one printed above on the first start).\n');
  }
}

async function startDemoFleet(gw: Gateway, o: { count: number; register: boolean; requested: number | undefined; controlPort: number }): Promise<void> {
  const ports = await chooseSimPorts({ cameras: o.count, requested: o.requested, registered: registeredSimRtspPort(gw) }, realPortProbe);
  for (const note of ports.notes) process.stdout.write(`${note}\n`);
  process.stdout.write(`Starting the simulated camera fleet (${o.count} cameras, RTSP port ${ports.port || 'ephemeral'}${ports.onvif ? ', ONVIF on' : ''})…\n`);
  const sim = children.add(spawnSimFleet(root, { cameras: o.count, port: ports.port, controlPort: o.controlPort, onvif: ports.onvif }));
  const simCameras = await simCameraList(await waitForSimListening(sim));
  if (o.register) registerSimCameras(gw, simCameras, simCameras.length);
  else {
    // Another instance may hold the port they were registered with: follow the fleet to the one it got.
    const moved = repointSimCameras(gw, simCameras);
    if (moved) process.stdout.write(`Pointed ${moved} registered simulated cameras at RTSP port ${ports.port}.\n`);
  }
  // A technician's first scan should find something: the Devices page suggests the range (only when it answers ONVIF).
  if (ports.onvif) gw.demoFleet.set({ ranges: [simFleetRange(simCameras.length)], cameras: simCameras.length });
  // The gateway's first sweep may have run before the fleet listened: check again now it does.
  void gw.health.sweep();
}

/** The supervising process: runs this script again as the worker and restarts it when it crashes. */
async function supervise(): Promise<void> {
  const supervisor = new Supervisor({
    spawn: () =>
      spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
        cwd: process.cwd(),
        env: { ...process.env, [WORKER_ENV]: '1' },
        // Its own process group: a terminal's Ctrl+C reaches the supervisor only, which passes it on once (a second
        // SIGINT would make the worker skip its graceful shutdown).
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => supervisor.stop(signal));
  process.exitCode = await supervisor.run();
}

const WORKER_ENV = 'CVG_START_WORKER';
if (process.env[WORKER_ENV] === '1') main().catch((err: unknown) => fail((err as Error).stack ?? String(err)));
else supervise().catch((err: unknown) => fail((err as Error).stack ?? String(err)));
