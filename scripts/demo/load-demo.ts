/**
 * `npm run demo:load -- [--data-dir DIR]`: the demo county in one command. Writes the 103 demo org units and 880
 * cameras (200 category 1 + 680 category 3, placed by camera-config's demoCameraPlacement) into a gateway's data
 * dir, each pointing at the simulated camera of the same index (`npm run sim -- --cameras 880`). Idempotent: a
 * second run changes nothing. Run it while the gateway is stopped (it takes the gateway's instance lock).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_CAMERA_TOTAL, demoCategory1Count } from '../../camera-config/src/index';
import { loadConfig } from '../../media-gateway/src/config/load-config';
import { CameraRepository } from '../../media-gateway/src/db/camera-repository';
import { openDatabase } from '../../media-gateway/src/db/connection';
import { migrate } from '../../media-gateway/src/db/migrate';
import { OrgUnitRepository } from '../../media-gateway/src/db/org-unit-repository';
import { acquireInstanceLock } from '../../media-gateway/src/platform/instance-lock';
import { CredentialCipher, loadCredentialKey } from '../../media-gateway/src/security/credential-cipher';
import { MAX_FLEET_CAMERAS, type AddressMode } from '../sim/fleet';
import { ensureDemoOrgUnits, loadDemoCameras, simFleetCameras } from './seed-demo';

const HELP = `npm run demo:load -- [options]   load the demo county (DEMO DATA) into a gateway data dir

  --data-dir DIR        gateway data dir (default: the gateway's, see media-gateway/src/config/README.md)
  --config FILE         gateway JSON config file (for its dataDir)
  --cameras N           how many demo cameras, 1..${MAX_FLEET_CAMERAS} (default ${DEMO_CAMERA_TOTAL}); start the sim with the same --cameras
  --sim-port P          the simulator's RTSP port (default 8554)
  --address-mode MODE   the simulator's address mode: per-camera (default) or shared
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function main(): void {
  let values;
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      options: {
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        cameras: { type: 'string' },
        'sim-port': { type: 'string' },
        'address-mode': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n\n${HELP}`);
  }
  if (values.help) return void process.stdout.write(HELP);
  const total = values.cameras === undefined ? DEMO_CAMERA_TOTAL : Number(values.cameras);
  if (!Number.isInteger(total) || total < 1 || total > MAX_FLEET_CAMERAS) fail(`--cameras: a whole number from 1 to ${MAX_FLEET_CAMERAS}, not "${values.cameras}"`);
  const simPort = values['sim-port'] === undefined ? undefined : Number(values['sim-port']);
  if (simPort !== undefined && (!Number.isInteger(simPort) || simPort < 1 || simPort > 65535)) fail(`--sim-port: not a port number: "${values['sim-port']}"`);
  const mode = (values['address-mode'] ?? 'per-camera') as AddressMode;
  if (mode !== 'per-camera' && mode !== 'shared') fail(`--address-mode: per-camera or shared, not "${mode}"`);

  const config = loadConfig({ file: values.config, overrides: values['data-dir'] ? { dataDir: values['data-dir'] } : {} });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  let release: () => void;
  try {
    release = acquireInstanceLock(join(config.dataDir, 'gateway.lock'));
  } catch (err) {
    fail(`${(err as Error).message}: stop the gateway, then run demo:load again`);
  }
  try {
    const db = openDatabase(join(config.dataDir, 'gateway.sqlite'));
    try {
      migrate(db);
      const { key } = loadCredentialKey(join(config.dataDir, 'credential.key'));
      const target = { db, repos: { orgUnits: new OrgUnitRepository(db), cameras: new CameraRepository(db) }, cipher: new CredentialCipher(key) };
      const units = ensureDemoOrgUnits(target);
      const cameras = loadDemoCameras(target, simFleetCameras(total, { ...(simPort ? { port: simPort } : {}), addressMode: mode }), total);
      const cat1 = demoCategory1Count(total);
      process.stdout.write(
        `Demo county (DEMO DATA) in ${config.dataDir}:\n` +
          `  org units: ${units} added (${target.repos.orgUnits.count()} in all)\n` +
          `  cameras:   ${cameras.created} added, ${cameras.updated} updated, ${cameras.unchanged} unchanged ` +
          `(${cat1} category 1 + ${total - cat1} category 3)\n` +
          `Start the simulated fleet with \`npm run sim -- --cameras ${total}${simPort ? ` --port ${simPort}` : ''}${mode === 'shared' ? ' --address-mode shared' : ''}\`, ` +
          `then the gateway on the same data dir (\`npm start\` does both).\n`,
      );
    } finally {
      db.close();
    }
  } finally {
    release();
  }
}

main();
