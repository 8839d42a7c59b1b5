import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GatewayProcess {
  url: string;
  pid: number;
  token: string;
  dataDir: string;
  /** The admin password: pass it back (`opts.password`) to restart on the same data dir. */
  password: string;
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hooks, no checkpoint (a power cut as far as the database can tell). */
  kill9(): Promise<void>;
}

/** A request to a gateway over TLS, trusting only its own generated certificate (Node's fetch cannot be given a CA). */
function httpsText(url: string, init: { method: string; headers: Record<string, string>; body?: string }, ca: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method, headers: init.headers, ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * The gateway as its own process, so its CPU and memory are measured apart from the simulator and the client.
 * Plain HTTP/1.1 by default; `tls: true` runs it as in production (HTTP/2 over TLS, self-signed certificate).
 */
export async function startGatewayProcess(
  config: Record<string, unknown>,
  /** `cwd`: another checkout's gateway (e.g. the base commit, to compare against). */
  opts: { dataDir?: string; password?: string; tls?: boolean; cwd?: string } = {},
): Promise<GatewayProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cvg-bench-'));
  const configFile = join(dataDir, 'gateway.json');
  // Benchmarks register the simulated fleet (loopback 127.1.X.Y) through the API.
  const cameras = { allowedNetworks: ['127.0.0.0/8'], ...(config.cameras as Record<string, unknown> | undefined) };
  writeFileSync(configFile, JSON.stringify({ ...config, cameras }));
  const password = opts.password ?? `bench-${Date.now()}-pw`;
  const child: ChildProcess = spawn(
    process.execPath,
    // BENCH_GATEWAY_NODE_ARGS: extra node flags for the gateway only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
    // (NODE_OPTIONS refuses --cpu-prof, and would profile every process of the bench).
    [...(process.env.BENCH_GATEWAY_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []), '--import', 'tsx', 'media-gateway/src/main.ts', ...(opts.tls ? [] : ['--http1']), '--port', '0', '--data-dir', dataDir, '--config', configFile, '--log-level', 'warn'],
    { cwd: opts.cwd, env: { ...process.env, ADMIN_PASSWORD: password }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (!(url = /Gateway ready: (\S+)/.exec(out)?.[1])) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`gateway did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = url;
  const signal = (sig: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(sig);
    });
  let token = '';
  const ca = opts.tls ? readFileSync(join(dataDir, 'tls/gateway.crt'), 'utf8') : null;
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const init = {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    };
    const res = ca ? await httpsText(`${base}${path}`, init, ca) : await fetch(`${base}${path}`, init).then(async (r) => ({ status: r.status, text: await r.text() }));
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return (res.text ? JSON.parse(res.text) : undefined) as T; // 204 No Content: nothing to parse
  };
  token = (await api<{ token: string }>('POST', '/api/v1/session', { username: 'admin', password })).token;
  return {
    url: base,
    pid: child.pid!,
    token,
    dataDir,
    password,
    api,
    stop: () => signal('SIGTERM'),
    kill9: () => signal('SIGKILL'),
  };
}
