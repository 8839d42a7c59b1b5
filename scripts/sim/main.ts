/** `npm run sim -- --cameras N`: run a simulated camera fleet until SIGINT/SIGTERM. */
import { USAGE, parseCliArgs } from './cli-args';
import { startFleet } from './fleet';
import { onParentGone, tellParentListening } from './parent-watch';

const stamp = (): string => new Date().toISOString().slice(11, 23);
const log = (msg: string): void => console.log(`${stamp()} ${msg}`);

async function main(): Promise<number> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`sim: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const o = parsed.options;
  const t0 = performance.now();
  const fleet = await startFleet({
    cameras: o.cameras,
    port: o.port,
    controlPort: o.controlPort,
    addressMode: o.addressMode,
    prewarm: o.prewarm,
    cacheDir: o.cacheDir,
    onvif: o.onvif,
    mix: o.mix,
    profiles: o.profiles,
    log,
  });
  const ms = performance.now() - t0;
  const first = fleet.cameras[0];
  const last = fleet.cameras[fleet.cameras.length - 1];
  if (!first || !last) throw new Error('empty fleet');
  const range =
    fleet.addressMode === 'shared' ? `${first.host} ports ${first.port}..${last.port}` : `${first.host} .. ${last.host} port ${first.port}`;
  console.log(
    [
      `sim: ${fleet.cameras.length} cameras listening (${fleet.addressMode}: ${range}) in ${ms.toFixed(0)} ms`,
      `sim: e.g. ${first.id} main ${first.mainUrl}  sub ${first.subUrl}  user ${first.username} password ${first.password}`,
      `sim: control API ${fleet.controlUrl ?? '(disabled)'}  (GET /cameras lists every URL and password)`,
      ...(o.onvif ? [`sim: ONVIF: WS-Discovery on UDP 3702 of each address, e.g. device service http://${first.host}:${first.onvifPort ?? '?'}/onvif/device_service`] : []),
      `sim: clip cache ${fleet.stats().clips.cacheDir}${o.prewarm ? ' (prewarming in the background)' : ' (clips encode on first DESCRIBE)'}`,
    ].join('\n'),
  );
  tellParentListening(fleet.controlUrl);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (sig: NodeJS.Signals | 'parent gone'): void => {
      if (stopping) {
        log(`sim: ${sig} again, exiting now`);
        process.exit(130);
      }
      stopping = true;
      log(`sim: ${sig}, shutting down`);
      fleet.close().then(resolve, (err: unknown) => {
        console.error(`sim: error while closing: ${(err as Error).message}`);
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    onParentGone(() => onSignal('parent gone'));
  });
  const s = fleet.stats();
  log(`sim: stopped (sent ${(s.bytesSent / 1e6).toFixed(1)} MB, ${s.clips.encodes} clips encoded)`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`sim: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
