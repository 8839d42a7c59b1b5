import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_FLAG_HELP, gatewayOverridesFromFlags, parseGatewayArgs } from './config/cli-flags';
import { ConfigError, loadConfig } from './config/load-config';
import { startGateway } from './gateway';
import { tolerateStorageFaults } from './platform/storage-fault-tolerance';

const HELP = `npm run gateway -- [flags]   media gateway alone (for a server)

${GATEWAY_FLAG_HELP}
`;

async function main(): Promise<void> {
  let values;
  try {
    values = parseGatewayArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const defaultRenderer = resolve(fileURLToPath(new URL('../../renderer/dist', import.meta.url)));
  const config = loadConfig({ file: values.config, overrides: { ...(process.env.GATEWAY_RENDERER_DIR ? {} : { rendererDir: defaultRenderer }), ...gatewayOverridesFromFlags(values) } });
  const gw = await startGateway(config);
  tolerateStorageFaults(
    (err) => gw.log.warn({ err: { message: (err as Error).message, code: (err as { code?: string }).code } }, 'database unavailable in a background task; continuing'),
    (err) => {
      process.stderr.write(`fatal: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
  process.stdout.write(`Gateway ready: ${gw.url}\n`);
  if (gw.certificateFingerprint) process.stdout.write(`TLS certificate SHA-256: ${gw.certificateFingerprint}\n`);
  const shutdown = () => void gw.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
