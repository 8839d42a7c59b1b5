import { parseArgs } from 'node:util';

/** Flags shared by `npm run gateway` and `npm start`. Flags override config file and environment. */
export const GATEWAY_FLAG_HELP = `  --port N          listen port (default 8443, or 8080 with --http1)
  --host ADDR       listen address (default 127.0.0.1; 0.0.0.0 to serve workstations)
  --data-dir DIR    SQLite database, keys and certificates (default: the user's data dir)
  --http1           plain HTTP/1.1 without TLS (tools and tests on loopback)
  --config FILE     JSON config file (see media-gateway/src/config/README.md)
  --log-level L     fatal|error|warn|info|debug|trace|silent`;

export const gatewayFlagOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  http1: { type: 'boolean' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function gatewayOverridesFromFlags(values: {
  port?: string | undefined;
  host?: string | undefined;
  'data-dir'?: string | undefined;
  http1?: boolean | undefined;
  'log-level'?: string | undefined;
}): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (values.http1) o.http1 = true;
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${values.port}" is not a port number`);
    o.port = port;
  } else if (values.http1) o.port = 8080;
  if (values.host !== undefined) o.host = values.host;
  if (values['data-dir'] !== undefined) o.dataDir = values['data-dir'];
  if (values['log-level'] !== undefined) o.logLevel = values['log-level'];
  return o;
}

export function parseGatewayArgs(argv: string[]) {
  return parseArgs({ args: argv, options: gatewayFlagOptions, strict: true, allowPositionals: false }).values;
}
